import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ADMIN_KEY_STRATEGY } from './admin-key.strategy';
import { AdminPrincipal } from '../common/auth/admin-principal';

/** Requires an admin API key (`Authorization: Bearer dpsadm_...`). */
export function AdminAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AuthGuard(ADMIN_KEY_STRATEGY)),
    ApiBearerAuth(ADMIN_KEY_STRATEGY),
    ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked admin API key' }),
  );
}

export const CurrentAdmin = createParamDecorator(
  (_: unknown, context: ExecutionContext): AdminPrincipal => context.switchToHttp().getRequest<{ user: AdminPrincipal }>().user,
);
