import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { bearerCredentialOf, CredentialSurface, unauthorized } from '../../common/auth/bearer-credential';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { SecretKind } from '../../common/crypto/secret-token';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { ProvisioningApiKeysService } from '../api-keys/provisioning-api-keys.service';
import { ApiKeyLastUseTracker } from './api-key-last-use.tracker';

export const PROVISIONING_API_KEY_STRATEGY = 'provisioning-api-key';

export const PROVISIONING_API: CredentialSurface = {
  api: 'the Provisioning API',
  takes: 'a Provisioning API key (dpsprov_…)',
  kind: SecretKind.ProvisioningApiKey,
};

/** Turns a Provisioning API key into the ProvisioningPrincipal of its company and tab. */
@Injectable()
export class ProvisioningApiKeyStrategy extends PassportStrategy(Strategy, PROVISIONING_API_KEY_STRATEGY) {
  constructor(
    private readonly keys: ProvisioningApiKeysService,
    private readonly lastUse: ApiKeyLastUseTracker,
  ) {
    super();
  }

  /** Reads the Authorization header only; a refusal thrown here says why (src/common/auth/bearer-credential.ts). */
  override authenticate(request: Request, options?: object): void {
    const credential = bearerCredentialOf(request, PROVISIONING_API);
    super.authenticate({ headers: { authorization: `Bearer ${credential}` } } as Request, options);
  }

  async validate(apiKey: string): Promise<ProvisioningPrincipal> {
    const check = await this.keys.authenticate(apiKey);
    switch (check.status) {
      case 'valid':
        this.lastUse.used(check.principal);
        return check.principal;
      case 'revoked':
        throw unauthorized(
          ApiErrorCode.RevokedCredential,
          `This Provisioning API key was revoked on ${check.revokedAt.toISOString()}; ask an admin of your company for a new one`,
        );
      case 'unknown':
        throw unauthorized(
          ApiErrorCode.UnknownCredential,
          apiKey.startsWith(SecretKind.ProvisioningApiKey)
            ? 'Unknown Provisioning API key: check that it was copied whole'
            : `This is not a Provisioning API key: the Provisioning API takes ${PROVISIONING_API.takes}`,
        );
    }
  }
}
