import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from 'express';

/** The largest JSON body of a single request (a SCIM Bulk request has its own limit). */
export const JSON_BODY_LIMIT = '1mb';

type ExpressMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Whether a body parser has anything to do: a request with neither Transfer-Encoding nor Content-Length (every GET an
 * identity provider sends) has no body at all, and the parser would leave it as it is.
 */
export function mayHaveBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined;
}

/** A JSON body parser: `parses` tells which requests it reads; a body of another type is left unread. */
export function jsonBodyParser(limit: string | number, parses: (request: IncomingMessage) => boolean): ExpressMiddleware {
  return json({ limit, reviver: rejectNulCharacters, type: parses }) as ExpressMiddleware;
}

/**
 * Runs an Express middleware inside a Nest one: the error it passes on is thrown, so that the exception filters
 * bound to the Nest middleware answer it.
 */
export function runExpressMiddleware(middleware: ExpressMiddleware, request: IncomingMessage, response: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) =>
    middleware(request, response, (error) => {
      if (!error) resolve();
      else reject(error instanceof Error ? error : new Error('The request body could not be read'));
    }),
  );
}

/** PostgreSQL text and jsonb cannot hold U+0000: refuse it while parsing, as a 400, rather than fail in SQL. */
function rejectNulCharacters(key: string, value: unknown): unknown {
  if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
    throw new SyntaxError('JSON strings must not contain the NUL character (U+0000)');
  }
  return value;
}
