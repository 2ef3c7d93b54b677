import { ExecutionContext, SetMetadata } from '@nestjs/common';

const RATE_LIMIT_COUNTER = 'rate-limit:counter';

/** Counts the routes of a controller (or one route) on the named throttler; routes without it are not limited. */
export function RateLimited(throttler: string): MethodDecorator & ClassDecorator {
  return SetMetadata(RATE_LIMIT_COUNTER, throttler);
}

/** The throttler the route being served counts on, if any. */
export function rateLimitCounterOf(context: ExecutionContext): string | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT_COUNTER, context.getHandler()) as string | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT_COUNTER, context.getClass()) as string | undefined)
  );
}
