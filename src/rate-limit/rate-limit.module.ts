import { ExecutionContext, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfiguration } from '../config/configuration';
import { isScimPath } from '../scim/scim.constants';
import { CredentialThrottlerGuard } from './credential-throttler.guard';
import { RATE_LIMIT_WINDOW_MS, SCIM_THROTTLER } from './credential-tracker';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';
import { ScimOperationLimiter } from './scim-operation.limiter';

function requestPath(context: ExecutionContext): string {
  return context.switchToHttp().getRequest<Request>().path;
}

/** Per-credential request limits on the SCIM and admin surfaces (in memory, so per instance). */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfiguration, true>) => {
        const limits = config.get('rateLimits', { infer: true });
        return {
          storage: new FixedWindowThrottlerStorage(),
          setHeaders: false,
          throttlers: [
            {
              name: SCIM_THROTTLER,
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: limits.scimPerMinute,
              skipIf: (context: ExecutionContext) => !isScimPath(requestPath(context)),
            },
            {
              name: 'admin',
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: limits.adminPerMinute,
              skipIf: (context: ExecutionContext) => !requestPath(context).startsWith('/api/admin/'),
            },
          ],
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: CredentialThrottlerGuard }, ScimOperationLimiter],
  exports: [ScimOperationLimiter],
})
export class RateLimitModule {}
