import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';
import { ScimAuth } from '../directory-integrations/scim-authentication/scim-auth.decorators';
import { SCIM_THROTTLER } from '../rate-limit/credential-tracker';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { ScimExceptionFilter } from './scim-exception.filter';

/**
 * A controller under /scim/v2, and all that makes it part of the SCIM surface: provisioning-token auth, the SCIM
 * rate limit and RFC 7644 §3.12 error bodies. Bodies are read, tokens checked and the application/scim+json content
 * type set before routing (see ScimModule); routes that write declare RecordedWrite for the sync log.
 * SCIM is described by its own discovery endpoints, so it stays out of the OpenAPI document.
 */
export function ScimController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`${SCIM_BASE_PATH}/${path}`),
    // The company scope is entered before routing, with the token (ScimAuthenticationMiddleware).
    RateLimited(SCIM_THROTTLER),
    ScimAuth(),
    UseFilters(new ScimExceptionFilter()),
    ApiExcludeController(),
  );
}
