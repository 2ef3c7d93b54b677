import { CompanyScoped } from '../../common/tenancy/company-scoped.decorator';
import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards, UseInterceptors } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { PROVISIONING_API_THROTTLER } from '../../rate-limit/credential-tracker';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { ProvisioningSyncLogInterceptor } from '../sync-log/provisioning-sync-log.interceptor';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { PROVISIONING_API_KEY_STRATEGY } from './provisioning-api-key.strategy';
import { WriteScopeGuard } from './write-scope.guard';

/**
 * Requires a Provisioning API key (`Authorization: Bearer dpsprov_…`), read-write for anything but reading, and makes
 * every write idempotent under an Idempotency-Key header. Requests count on the key's rate limit.
 */
export function ProvisioningApiAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    CompanyScoped(),
    RateLimited(PROVISIONING_API_THROTTLER),
    UseGuards(AuthGuard(PROVISIONING_API_KEY_STRATEGY), WriteScopeGuard),
    // Outermost but for the scope, so that a replayed answer is logged too.
    UseInterceptors(ProvisioningSyncLogInterceptor, IdempotencyInterceptor),
    ApiBearerAuth(PROVISIONING_API_KEY_STRATEGY),
  );
}

/** Documents the Idempotency-Key header of a write and its 422. */
export function ApiIdempotentWrite(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A unique value per change (e.g. a UUID), the same on each retry of it: a retry with the same key and body within ' +
        '24 hours gets the first answer (with `Idempotent-Replayed: true`) and changes nothing again',
      example: '7f3c1b9e-2d4a-4c8e-9a6f-0b1d2e3f4a5b',
    }),
    ApiErrors({ 422: 'The Idempotency-Key was used in the last 24 hours for another request (another route or body)' }),
  );
}

export const CurrentProvisioner = createParamDecorator(
  (_: unknown, context: ExecutionContext): ProvisioningPrincipal =>
    context.switchToHttp().getRequest<{ user: ProvisioningPrincipal }>().user,
);
