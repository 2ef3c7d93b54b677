import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { precomputedHeaders } from './precomputed-headers';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers of a response that passed through the middleware, with X-Powered-By set before it as Express does. */
async function headersThrough(middleware: Middleware): Promise<IncomingHttpHeaders> {
  const server = createServer((request, response) => {
    response.setHeader('X-Powered-By', 'Express');
    middleware(request, response, () => response.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await response.text();
    const headers: IncomingHttpHeaders = {};
    response.headers.forEach((value, name) => {
      if (name !== 'date' && name !== 'keep-alive' && name !== 'connection') headers[name] = value;
    });
    return headers;
  } finally {
    server.close();
  }
}

describe('precomputedHeaders', () => {
  it('sends exactly the headers helmet sends, and removes what it removes', async () => {
    const fromHelmet = await headersThrough(helmet());
    const precomputed = await headersThrough(precomputedHeaders(helmet()));
    expect(precomputed).toEqual(fromHelmet);
    expect(precomputed['content-security-policy']).toContain("default-src 'self'");
    expect(precomputed['x-powered-by']).toBeUndefined();
  });

  it('refuses a middleware that does not finish at once', () => {
    expect(() => precomputedHeaders((_request, _response, next) => void setImmediate(next))).toThrow(/synchronously/);
  });
});
