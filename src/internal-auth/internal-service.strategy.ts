import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { secretsEqual } from '../common/crypto/secret-token';
import { AppConfiguration } from '../config/configuration';
import { ServicePrincipal } from './service-principal';

export const INTERNAL_SERVICE_STRATEGY = 'internal-service';

@Injectable()
export class InternalServiceStrategy extends PassportStrategy(Strategy, INTERNAL_SERVICE_STRATEGY) {
  private readonly credentials: AppConfiguration['internalApi']['credentials'];

  constructor(config: ConfigService<AppConfiguration, true>) {
    super();
    this.credentials = config.get('internalApi', { infer: true }).credentials;
  }

  validate(token: string): ServicePrincipal | false {
    // Compare with every credential so the time taken does not tell which one nearly matched.
    let match: string | undefined;
    for (const credential of this.credentials) {
      if (secretsEqual(token, credential.secret)) match = credential.name;
    }
    return match ? { serviceName: match } : false;
  }
}
