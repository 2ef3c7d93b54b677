import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { PROVISIONING_API_KEY_STRATEGY } from './provisioning-api-key.strategy';
import { WriteScopeGuard } from './write-scope.guard';

/** Requires a Provisioning API key (`Authorization: Bearer dpsprov_…`), read-write for anything but reading. */
export function ProvisioningApiAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(AuthGuard(PROVISIONING_API_KEY_STRATEGY), WriteScopeGuard),
    ApiBearerAuth(PROVISIONING_API_KEY_STRATEGY),
  );
}

export const CurrentProvisioner = createParamDecorator(
  (_: unknown, context: ExecutionContext): ProvisioningPrincipal =>
    context.switchToHttp().getRequest<{ user: ProvisioningPrincipal }>().user,
);
