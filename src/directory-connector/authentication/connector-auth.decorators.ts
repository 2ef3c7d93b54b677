import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ConnectorPrincipal } from '../connector-principal';
import { CONNECTOR_TOKEN_STRATEGY } from './connector-token.strategy';

/** Requires the connector token of the company's Active Directory tab (`Authorization: Bearer dpsconn_…`). */
export function ConnectorAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(AuthGuard(CONNECTOR_TOKEN_STRATEGY)), ApiBearerAuth(CONNECTOR_TOKEN_STRATEGY));
}

export const CurrentConnector = createParamDecorator(
  (_: unknown, context: ExecutionContext): ConnectorPrincipal => context.switchToHttp().getRequest<{ user: ConnectorPrincipal }>().user,
);
