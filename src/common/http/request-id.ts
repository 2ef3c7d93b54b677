import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// 64: what the sync log keeps, so that an entry there shows the very id of the answer and the log line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * A caller's own request id is kept when it is sane, so logs can be joined across services; otherwise one
 * is made up. Runs first, so every answer (errors before routing included) carries the id of its log line.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  (request as IncomingMessage & { id: string }).id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/** The id assignRequestId gave the request (pino-http types it as any string, number or object). */
export function requestIdOf(request: IncomingMessage): string | undefined {
  return typeof request.id === 'string' ? request.id : undefined;
}
