import { Injectable, NestMiddleware, UseFilters } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NextFunction, Request, Response } from 'express';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { ScimTokenGuard } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { ScimExceptionFilter } from '../scim-exception.filter';
import { SCIM_CONTENT_TYPE } from '../scim.constants';

/**
 * Authenticates every request under the SCIM base path before routing, so that a caller without a valid token
 * gets 401 on any path, known or not, and learns nothing of which routes exist; 404 is for authenticated callers.
 * Runs the controllers' own guard: one way to accept or refuse a token, one set of 401 answers.
 *
 * The rest of the request (guards, interceptors, the handler) then runs in the token's company scope, and answers as
 * application/scim+json unless the route says otherwise: set here, the SCIM surface's reads need no interceptor.
 */
@Injectable()
@UseFilters(new ScimExceptionFilter())
export class ScimAuthenticationMiddleware implements NestMiddleware {
  private readonly guard = new ScimTokenGuard();

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    await this.guard.canActivate(new ExecutionContextHost([request, response, next]));
    response.type(SCIM_CONTENT_TYPE);
    CompanyScopes.runForCompany((request.user as ScimPrincipal).companyId, next);
  }
}
