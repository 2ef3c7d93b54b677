import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ScimPrincipal } from './scim-principal';

export const SCIM_TOKEN_STRATEGY = 'scim-token';

/** Requires a provisioning token (`Authorization: Bearer dpsscim_...`). */
export function ScimAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(AuthGuard(SCIM_TOKEN_STRATEGY)), ApiBearerAuth(SCIM_TOKEN_STRATEGY));
}

export const CurrentIntegration = createParamDecorator(
  (_: unknown, context: ExecutionContext): ScimPrincipal => context.switchToHttp().getRequest().user,
);
