import { CompanyScoped } from '../../common/tenancy/company-scoped.decorator';
import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth } from '@nestjs/swagger';
import { PROVISIONING_API_THROTTLER } from '../../rate-limit/credential-tracker';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { ConnectorPrincipal } from '../connector-principal';
import { CONNECTOR_TOKEN_STRATEGY } from './connector-token.strategy';

/**
 * Requires the connector token of the company's Active Directory tab (`Authorization: Bearer dpsconn_…`); each token
 * is limited like a Provisioning API key (PROVISIONING_API_RATE_LIMIT_PER_MINUTE), on a counter of its own.
 */
export function ConnectorAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    CompanyScoped(),
    RateLimited(PROVISIONING_API_THROTTLER),
    UseGuards(AuthGuard(CONNECTOR_TOKEN_STRATEGY)),
    ApiBearerAuth(CONNECTOR_TOKEN_STRATEGY),
  );
}

export const CurrentConnector = createParamDecorator(
  (_: unknown, context: ExecutionContext): ConnectorPrincipal => context.switchToHttp().getRequest<{ user: ConnectorPrincipal }>().user,
);
