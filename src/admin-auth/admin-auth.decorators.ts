import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ADMIN_THROTTLER } from '../rate-limit/credential-tracker';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { ADMIN_KEY_STRATEGY } from './admin-key.strategy';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { CompanyScoped } from '../common/tenancy/company-scoped.decorator';

/** Requires an admin API key (`Authorization: Bearer dpsadm_...`); requests count on the key's admin rate limit. */
export function AdminAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    CompanyScoped(),
    RateLimited(ADMIN_THROTTLER),
    UseGuards(AuthGuard(ADMIN_KEY_STRATEGY)),
    ApiBearerAuth(ADMIN_KEY_STRATEGY),
    ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked admin API key' }),
  );
}

export const CurrentAdmin = createParamDecorator(
  (_: unknown, context: ExecutionContext): AdminPrincipal => context.switchToHttp().getRequest<{ user: AdminPrincipal }>().user,
);
