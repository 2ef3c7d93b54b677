import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { DirectoryIntegrationsService } from './directory-integrations.service';
import { LastSyncTracker } from './last-sync.tracker';
import { SCIM_TOKEN_STRATEGY } from './scim-auth.decorators';
import { ScimPrincipal } from './scim-principal';

/** Resolves `Authorization: Bearer dpsscim_...` to the integration (and so the company) the token belongs to. */
@Injectable()
export class ScimTokenStrategy extends PassportStrategy(Strategy, SCIM_TOKEN_STRATEGY) {
  constructor(
    private readonly integrations: DirectoryIntegrationsService,
    private readonly lastSync: LastSyncTracker,
  ) {
    super({ realm: 'SCIM' });
  }

  /**
   * Reads the token from the Authorization header only: passport-http-bearer would also take
   * `access_token` from the query string, where request logs would record it.
   */
  override authenticate(request: Request, options?: object): void {
    super.authenticate({ headers: { authorization: request.headers.authorization } } as Request, options);
  }

  async validate(token: string): Promise<ScimPrincipal | false> {
    const principal = await this.integrations.authenticate(token);
    if (!principal) return false;
    this.lastSync.seen(principal);
    return principal;
  }
}
