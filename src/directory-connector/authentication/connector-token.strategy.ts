import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { bearerCredentialOf, CredentialSurface, unauthorized } from '../../common/auth/bearer-credential';
import { SecretKind } from '../../common/crypto/secret-token';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { LastSyncTracker } from '../../directory-integrations/last-sync/last-sync.tracker';
import { IntegrationTokenAuthenticator } from '../../directory-integrations/provisioning-tokens/integration-token.authenticator';
import { ConnectorPrincipal } from '../connector-principal';
import { DirectoryConnectorService } from '../directory-connector.service';
import { connectorVersionOf } from './connector-version';

export const CONNECTOR_TOKEN_STRATEGY = 'connector-token';

export const CONNECTOR_API: CredentialSurface = {
  api: 'the directory connector API',
  takes: 'a connector token (dpsconn_…) of the Active Directory tab',
  kind: SecretKind.ConnectorToken,
};

/**
 * Turns a connector token into the ConnectorPrincipal of its company's Active Directory tab, and records the contact
 * (awaited: the agent makes a handful of requests a run).
 */
@Injectable()
export class ConnectorTokenStrategy extends PassportStrategy(Strategy, CONNECTOR_TOKEN_STRATEGY) {
  constructor(
    private readonly authenticator: IntegrationTokenAuthenticator,
    private readonly connector: DirectoryConnectorService,
    private readonly lastSync: LastSyncTracker,
  ) {
    super({ passReqToCallback: true });
  }

  /** Reads the Authorization header only; a refusal thrown here says why (src/common/auth/bearer-credential.ts). */
  override authenticate(request: Request, options?: object): void {
    const credential = bearerCredentialOf(request, CONNECTOR_API);
    const headers = { authorization: `Bearer ${credential}`, 'user-agent': request.headers['user-agent'] };
    super.authenticate({ headers } as Request, options);
  }

  async validate(request: Request, token: string): Promise<ConnectorPrincipal> {
    const owner = await this.authenticator.authenticate(SecretKind.ConnectorToken, token);
    if (!owner) throw await this.refusalOf(token);
    const principal = {
      companyId: owner.companyId,
      integrationId: owner.integrationId,
      version: connectorVersionOf(request.headers['user-agent']),
    };
    await this.connector.recordContact(principal);
    // The tab's "Last sync", as for the SCIM tabs: the last request of the source.
    this.lastSync.seen(owner);
    return principal;
  }

  private async refusalOf(token: string): Promise<Error> {
    const retired = await this.authenticator.retirementOf(SecretKind.ConnectorToken, token);
    if (retired) {
      return unauthorized(
        ApiErrorCode.RevokedCredential,
        `This connector token was ${retired.reason} on ${retired.retiredAt.toISOString()}; put the Active Directory tab's new token in the connector's configuration`,
      );
    }
    return unauthorized(
      ApiErrorCode.UnknownCredential,
      token.startsWith(SecretKind.ConnectorToken)
        ? 'Unknown connector token: check that it was copied whole'
        : `This is not a connector token: ${CONNECTOR_API.api} takes ${CONNECTOR_API.takes}`,
    );
  }
}
