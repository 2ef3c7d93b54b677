import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// 64: what the sync log keeps, so that an entry there shows the very id of the answer and the log line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller's own request id when it is sane, so logs can be joined across services; otherwise a new one. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The id the request entry gave the request. */
export function requestIdOf(request: IncomingMessage): string | undefined {
  return typeof request.id === 'string' ? request.id : undefined;
}
