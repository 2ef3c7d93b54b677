import { createHash } from 'node:crypto';

/** Requests per window are counted per credential; this is the window's length. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** The throttler that counts SCIM requests (and the operations of a Bulk request). */
export const SCIM_THROTTLER = 'scim';
/** The throttler that counts admin API requests. */
export const ADMIN_THROTTLER = 'admin';
/** The throttler that counts Provisioning API (/api/v1) requests, per company API key. */
export const PROVISIONING_API_THROTTLER = 'provisioning-api';

/**
 * Whose requests a counter counts: the credential of the Authorization header, or the IP without one.
 * Only a digest is kept in memory: the clear credential never outlives the request.
 */
export function credentialTracker(authorization: string | undefined, ip: string | undefined): string {
  const token = authorization?.match(/^Bearer\s+(\S+)/i)?.[1];
  return token ? `credential:${createHash('sha256').update(token).digest('base64url')}` : `ip:${ip}`;
}

/** The counter of one throttler and tracker. */
export function throttlerKey(throttlerName: string, tracker: string): string {
  return `${throttlerName}:${tracker}`;
}
