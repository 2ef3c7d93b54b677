import { ExecutionContext, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfiguration } from '../config/configuration';
import { ADMIN_THROTTLER, PROVISIONING_API_THROTTLER, RATE_LIMIT_WINDOW_MS, SCIM_THROTTLER } from './credential-tracker';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler.storage';
import { RateLimitCountersModule } from './rate-limit-counters.module';
import { RateLimitCountersRepository } from './rate-limit-counters.repository';
import { rateLimitCounterOf } from './rate-limited.decorator';
import { ScimOperationLimiter } from './scim-operation.limiter';

/**
 * Per-credential request limits on the routes that declare a counter with RateLimited: the SCIM controllers, the
 * admin API's and the Provisioning API's. Counted in memory and, on PostgreSQL, shared by every process and instance
 * (SlidingWindowThrottlerStorage).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitCountersModule],
      inject: [ConfigService, RateLimitCountersRepository],
      useFactory: (config: ConfigService<AppConfiguration, true>, sharedCounters: RateLimitCountersRepository) => {
        const limits = config.get('rateLimits', { infer: true });
        // The embedded database serves one process (and a pool of one is a database that takes one connection).
        const database = config.get('database', { infer: true });
        const shared = database.url !== undefined && database.poolSize > 1;
        return {
          storage: new SlidingWindowThrottlerStorage(shared ? sharedCounters : undefined),
          setHeaders: false,
          throttlers: [
            {
              name: SCIM_THROTTLER,
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: limits.scimPerMinute,
              skipIf: (context: ExecutionContext) => rateLimitCounterOf(context) !== SCIM_THROTTLER,
            },
            {
              name: ADMIN_THROTTLER,
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: limits.adminPerMinute,
              skipIf: (context: ExecutionContext) => rateLimitCounterOf(context) !== ADMIN_THROTTLER,
            },
            {
              name: PROVISIONING_API_THROTTLER,
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: limits.provisioningApiPerMinute,
              skipIf: (context: ExecutionContext) => rateLimitCounterOf(context) !== PROVISIONING_API_THROTTLER,
            },
          ],
        };
      },
    }),
  ],
  providers: [ScimOperationLimiter],
  exports: [ScimOperationLimiter],
})
export class RateLimitModule {}
