import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { bearerCredentialOf, CredentialSurface, unauthorized } from '../common/auth/bearer-credential';
import { SecretKind } from '../common/crypto/secret-token';
import { ApiErrorCode } from '../common/errors/api-error-code';
import { AdminsService } from '../companies/admins.service';
import { AdminPrincipal } from '../common/auth/admin-principal';

export const ADMIN_KEY_STRATEGY = 'admin-key';

const ADMIN_API: CredentialSurface = { api: 'the admin API', takes: 'an admin API key (dpsadm_…)', kind: SecretKind.AdminApiKey };

@Injectable()
export class AdminKeyStrategy extends PassportStrategy(Strategy, ADMIN_KEY_STRATEGY) {
  constructor(private readonly admins: AdminsService) {
    super();
  }

  /**
   * Reads the Authorization header only. A refusal thrown here (no header, another scheme, another kind of
   * credential) rejects the guard with its reason (src/common/auth/bearer-credential.ts).
   */
  override authenticate(request: Request, options?: object): void {
    const credential = bearerCredentialOf(request, ADMIN_API);
    super.authenticate({ headers: { authorization: `Bearer ${credential}` } } as Request, options);
  }

  async validate(apiKey: string): Promise<AdminPrincipal> {
    const check = await this.admins.authenticate(apiKey);
    switch (check.status) {
      case 'valid':
        return check.principal;
      case 'revoked':
        throw unauthorized(
          ApiErrorCode.RevokedCredential,
          `This admin API key was revoked on ${check.revokedAt.toISOString()}; ask a super admin of your company for a new one`,
        );
      case 'unknown':
        throw unauthorized(
          ApiErrorCode.UnknownCredential,
          apiKey.startsWith(SecretKind.AdminApiKey)
            ? 'Unknown admin API key: check that it was copied whole'
            : `This is not an admin API key: the admin API takes ${ADMIN_API.takes}`,
        );
    }
  }
}
