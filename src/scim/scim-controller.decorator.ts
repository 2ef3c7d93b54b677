import {
  applyDecorators,
  CallHandler,
  Controller,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';
import { ScimAuth } from '../directory-integrations/scim-authentication/scim-auth.decorators';
import { SCIM_THROTTLER } from '../rate-limit/credential-tracker';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { SCIM_CONTENT_TYPE } from './scim.constants';
import { ScimExceptionFilter } from './scim-exception.filter';
import { ScimSyncLogInterceptor } from './sync-log/scim-sync-log.interceptor';

@Injectable()
export class ScimContentTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().type(SCIM_CONTENT_TYPE);
    return next.handle();
  }
}

/**
 * A controller under /scim/v2, and all that makes it part of the SCIM surface: provisioning-token auth, the SCIM
 * rate limit, RFC 7644 §3.12 error bodies, application/scim+json responses and the sync log (for controllers
 * that declare RecordsWritesOf). Bodies are read and tokens checked before routing: see ScimModule.
 * SCIM is described by its own discovery endpoints, so it stays out of the OpenAPI document.
 */
export function ScimController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`${SCIM_BASE_PATH}/${path}`),
    // The company scope is entered before routing, with the token (ScimAuthenticationMiddleware).
    RateLimited(SCIM_THROTTLER),
    ScimAuth(),
    UseFilters(new ScimExceptionFilter()),
    UseInterceptors(ScimContentTypeInterceptor, ScimSyncLogInterceptor),
    ApiExcludeController(),
  );
}
