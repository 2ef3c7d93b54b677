import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { INTERNAL_SERVICE_STRATEGY } from './internal-service.strategy';
import { ServicePrincipal } from '../common/auth/service-principal';
import { CompanyScoped } from '../common/tenancy/company-scoped.decorator';

/** Requires a service credential from INTERNAL_API_TOKENS; admin keys and provisioning tokens are refused. */
export function InternalAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    CompanyScoped(),
    UseGuards(AuthGuard(INTERNAL_SERVICE_STRATEGY)),
    ApiBearerAuth(INTERNAL_SERVICE_STRATEGY),
    ApiUnauthorizedResponse({ description: 'Missing or unknown service credential' }),
  );
}

export const CurrentService = createParamDecorator(
  (_: unknown, context: ExecutionContext): ServicePrincipal => context.switchToHttp().getRequest<{ user: ServicePrincipal }>().user,
);
