import { applyDecorators, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { CredentialThrottlerGuard } from './credential-throttler.guard';

const RATE_LIMIT_COUNTER = 'rate-limit:counter';

/**
 * Counts the routes of a controller (or one route) on the named throttler; routes without it are not limited and run
 * no throttler at all. Listed before a route's authentication guard, so that refused credentials are counted too.
 */
export function RateLimited(throttler: string): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_COUNTER, throttler), UseGuards(CredentialThrottlerGuard));
}

/** The throttler the route being served counts on, if any. */
export function rateLimitCounterOf(context: ExecutionContext): string | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT_COUNTER, context.getHandler()) as string | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT_COUNTER, context.getClass()) as string | undefined)
  );
}
