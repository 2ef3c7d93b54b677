import { applyDecorators, CallHandler, Controller, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { ScimAuth } from '../directory-integrations/scim-auth.decorators';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';
import { SCIM_CONTENT_TYPE } from './scim.constants';

@Injectable()
export class ScimContentTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().type(SCIM_CONTENT_TYPE);
    return next.handle();
  }
}

/**
 * A controller under /scim/v2: provisioning-token auth, application/scim+json responses.
 * SCIM is described by its own discovery endpoints, so it stays out of the OpenAPI document.
 */
export function ScimController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`${SCIM_BASE_PATH}/${path}`),
    ScimAuth(),
    UseInterceptors(ScimContentTypeInterceptor),
    ApiExcludeController(),
  );
}
