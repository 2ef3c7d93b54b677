import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { bearerCredentialOf, CredentialSurface, unauthorized } from '../../common/auth/bearer-credential';
import { SecretKind } from '../../common/crypto/secret-token';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { IntegrationTokenAuthenticator } from '../provisioning-tokens/integration-token.authenticator';
import { LastSyncTracker } from '../last-sync/last-sync.tracker';
import { SCIM_TOKEN_STRATEGY } from './scim-auth.decorators';
import { ScimPrincipal } from '../../common/auth/scim-principal';

const SCIM_API: CredentialSurface = { api: 'the SCIM API', takes: 'a provisioning token (dpsscim_…)', kind: SecretKind.ProvisioningToken };

/**
 * Resolves `Authorization: Bearer dpsscim_...` to the integration (and so the company) the token belongs to.
 * A refusal says why: identity providers show this text in their provisioning logs.
 */
@Injectable()
export class ScimTokenStrategy extends PassportStrategy(Strategy, SCIM_TOKEN_STRATEGY) {
  constructor(
    private readonly authenticator: IntegrationTokenAuthenticator,
    private readonly lastSync: LastSyncTracker,
  ) {
    super({ realm: 'SCIM' });
  }

  /**
   * Reads the token from the Authorization header only: passport-http-bearer would also take
   * `access_token` from the query string, where request logs would record it. A refusal thrown here
   * rejects the guard with its reason.
   */
  override authenticate(request: Request, options?: object): void {
    const token = bearerCredentialOf(request, SCIM_API);
    super.authenticate({ headers: { authorization: `Bearer ${token}` } } as Request, options);
  }

  async validate(token: string): Promise<ScimPrincipal> {
    const principal = await this.authenticator.authenticate(SecretKind.ProvisioningToken, token);
    if (principal) {
      this.lastSync.seen(principal);
      return principal;
    }
    throw await this.refusalOf(token);
  }

  private async refusalOf(token: string): Promise<Error> {
    const retired = await this.authenticator.retirementOf(SecretKind.ProvisioningToken, token);
    if (retired?.reason === 'replaced') {
      return unauthorized(
        ApiErrorCode.RevokedCredential,
        `This provisioning token was replaced on ${retired.retiredAt.toISOString()}; update the identity provider with the new token`,
      );
    }
    if (retired?.reason === 'revoked') {
      return unauthorized(
        ApiErrorCode.RevokedCredential,
        `This provisioning token was revoked on ${retired.retiredAt.toISOString()}; create a new one in the admin console and update the identity provider`,
      );
    }
    return unauthorized(
      ApiErrorCode.UnknownCredential,
      token.startsWith(SecretKind.ProvisioningToken)
        ? 'Unknown provisioning token: check that it was copied whole'
        : `This is not a provisioning token: the SCIM API takes ${SCIM_API.takes}`,
    );
  }
}
