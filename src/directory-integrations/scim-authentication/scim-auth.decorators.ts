import { applyDecorators, createParamDecorator, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { isScimPrincipal, ScimPrincipal } from '../../common/auth/scim-principal';

export const SCIM_TOKEN_STRATEGY = 'scim-token';

/**
 * Checks the provisioning token. SCIM requests are authenticated before routing by this same guard, so a
 * request that already carries its principal passes without a second lookup.
 */
@Injectable()
export class ScimTokenGuard extends AuthGuard(SCIM_TOKEN_STRATEGY) {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isScimPrincipal(context.switchToHttp().getRequest<Request>().user)) return true;
    return (await super.canActivate(context)) as boolean;
  }
}

/** Requires a provisioning token (`Authorization: Bearer dpsscim_...`). */
export function ScimAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(ScimTokenGuard), ApiBearerAuth(SCIM_TOKEN_STRATEGY));
}

export const CurrentIntegration = createParamDecorator(
  (_: unknown, context: ExecutionContext): ScimPrincipal => context.switchToHttp().getRequest<{ user: ScimPrincipal }>().user,
);
