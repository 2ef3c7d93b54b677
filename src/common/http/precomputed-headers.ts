import type { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** Sets on a response the headers a middleware was recorded setting (and removes those it removed). */
export type HeaderWriter = (response: ServerResponse) => void;

/**
 * The headers a middleware sets when they depend on nothing in the request (helmet's, which use no nonce), worked out
 * once at start-up by running it against a recorder: each response then only copies them, instead of the middleware
 * building every header value again per request.
 */
export function recordedHeaders(middleware: Middleware): HeaderWriter {
  const set = new Map<string, number | string | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      set.set(name.toLowerCase(), value);
      removed.delete(name.toLowerCase());
      return recorder;
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
      removed.add(name.toLowerCase());
    },
  };
  let completed = false;
  middleware({ method: 'GET', url: '/', headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error as Error;
    completed = true;
  });
  if (!completed) throw new Error('The header middleware did not complete synchronously: its headers cannot be precomputed');
  const headers = [...set];
  const removals = [...removed];
  return (response) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    for (const name of removals) response.removeHeader(name);
  };
}

/** The middleware's recorded headers as a middleware of their own. */
export function precomputedHeaders(middleware: Middleware): Middleware {
  const write = recordedHeaders(middleware);
  return (_request, response, next) => {
    write(response);
    next();
  };
}
