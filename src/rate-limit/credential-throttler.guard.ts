import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { credentialTracker, throttlerKey } from './credential-tracker';

/**
 * Counts requests per credential (provisioning token or admin key) rather than per IP and route:
 * one noisy identity provider or console session cannot slow another company down.
 * Requests without a credential are counted per IP.
 */
@Injectable()
export class CredentialThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { headers, ip } = request as unknown as Request;
    return credentialTracker(headers.authorization, ip);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return throttlerKey(throttlerName, tracker);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new ThrottlerException(
      `Too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s for this credential; retry after ${retryAfterSeconds} s`,
    );
  }
}
