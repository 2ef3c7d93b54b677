import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import { AppConfiguration } from '../config/configuration';
import { credentialTracker, RATE_LIMIT_WINDOW_MS, SCIM_THROTTLER, throttlerKey } from './credential-tracker';

/** Why an operation was refused, as the 429 of a single request would say it. */
export interface RateLimitRefusal {
  detail: string;
  retryAfterSeconds: number;
}

/**
 * Counts each operation of a SCIM Bulk request on the same counter as the credential's single requests, so a
 * Bulk request is no way around the limit.
 */
@Injectable()
export class ScimOperationLimiter {
  private readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.limit = config.get('rateLimits', { infer: true }).scimPerMinute;
  }

  /** Counts one operation of the credential; a refusal when the credential is over its limit. */
  async consume(authorization: string | undefined): Promise<RateLimitRefusal | undefined> {
    const key = throttlerKey(SCIM_THROTTLER, credentialTracker(authorization, undefined));
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(key, RATE_LIMIT_WINDOW_MS, this.limit, 0, SCIM_THROTTLER);
    if (!isBlocked) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(timeToBlockExpire));
    return {
      retryAfterSeconds,
      detail: `Too many requests: at most ${this.limit} per ${RATE_LIMIT_WINDOW_MS / 1000} s for this credential; retry after ${retryAfterSeconds} s`,
    };
  }
}
