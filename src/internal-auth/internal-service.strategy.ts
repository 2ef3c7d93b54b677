import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { bearerCredentialOf, CredentialSurface, unauthorized } from '../common/auth/bearer-credential';
import { secretsEqual } from '../common/crypto/secret-token';
import { ApiErrorCode } from '../common/errors/api-error-code';
import { AppConfiguration } from '../config/configuration';
import { ServicePrincipal } from '../common/auth/service-principal';

export const INTERNAL_SERVICE_STRATEGY = 'internal-service';

const INTERNAL_API: CredentialSurface = { api: 'the internal API', takes: 'a service credential from INTERNAL_API_TOKENS' };

@Injectable()
export class InternalServiceStrategy extends PassportStrategy(Strategy, INTERNAL_SERVICE_STRATEGY) {
  private readonly credentials: AppConfiguration['internalApi']['credentials'];

  constructor(config: ConfigService<AppConfiguration, true>) {
    super();
    this.credentials = config.get('internalApi', { infer: true }).credentials;
  }

  /**
   * Reads the Authorization header only. A refusal thrown here (no header, another scheme, another kind of
   * credential) rejects the guard with its reason (src/common/auth/bearer-credential.ts).
   */
  override authenticate(request: Request, options?: object): void {
    const credential = bearerCredentialOf(request, INTERNAL_API);
    super.authenticate({ headers: { authorization: `Bearer ${credential}` } } as Request, options);
  }

  validate(token: string): ServicePrincipal {
    // Compare with every credential so the time taken does not tell which one nearly matched.
    let match: string | undefined;
    for (const credential of this.credentials) {
      if (secretsEqual(token, credential.secret)) match = credential.name;
    }
    if (!match) throw unauthorized(ApiErrorCode.UnknownCredential, 'Unknown service credential: it is none of INTERNAL_API_TOKENS');
    return { serviceName: match };
  }
}
