import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { hasSecretShape, hashSecret, SecretKind, secretMatchesHash } from '../../common/crypto/secret-token';
import { CredentialKind } from '../../credentials/credential-kind';
import { CredentialLookupsService } from '../../credentials/credential-lookups.service';
import { ProvisioningTokenCache } from './provisioning-token.cache';
import { ProvisioningTokensRepository, RetiredToken } from './provisioning-tokens.repository';

export type IntegrationTokenKind = SecretKind.ProvisioningToken | SecretKind.ConnectorToken;

/**
 * Resolves a tab's token (a SCIM provisioning token or a connector token) to the integration, and so the company, it
 * belongs to, and says why one is refused. A token of one kind never authenticates as the other.
 */
@Injectable()
export class IntegrationTokenAuthenticator {
  constructor(
    private readonly tokens: ProvisioningTokensRepository,
    private readonly tokenCache: ProvisioningTokenCache,
    private readonly credentials: CredentialLookupsService,
  ) {}

  /** The token's integration, or null for an unknown, revoked or replaced one. */
  async authenticate(kind: IntegrationTokenKind, token: string): Promise<ScimPrincipal | null> {
    if (!hasSecretShape(kind, token)) return null;
    const hash = hashSecret(token);
    const owner = await this.tokenCache.lookup(hash, () => this.tokens.findTokenOwner(hash));
    if (!owner || !secretMatchesHash(token, owner.tokenHash)) return null;
    return { companyId: owner.companyId, integrationId: owner.integrationId, provider: owner.provider };
  }

  /** Why a token that authenticate() refused is not valid, when it was one of ours: reset or revoked, and when. */
  async retirementOf(kind: IntegrationTokenKind, token: string): Promise<RetiredToken | null> {
    if (!hasSecretShape(kind, token)) return null;
    const hash = hashSecret(token);
    const owner = await this.credentials.find(CredentialKind.IntegrationToken, hash);
    return owner && this.tokens.findRetiredToken(owner.companyId, hash);
  }
}
