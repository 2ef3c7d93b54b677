import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import helmet from 'helmet';
import { storage } from 'nestjs-pino/storage';
import { createLogger } from './http-logger';
import { recordedHeaders } from './precomputed-headers';
import { requestEntry } from './request-entry';

interface Served {
  url: string;
  lines: Record<string, unknown>[];
  seen: { url?: string; id?: unknown }[];
  close(): Promise<void>;
}

/** A server whose every request passes the entry, then logs one line inside its scope when asked to and answers. */
async function serve(level: 'info' | 'warn'): Promise<Served> {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunk
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  const entry = requestEntry(createLogger(level, destination), recordedHeaders(helmet()));
  const seen: Served['seen'] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) =>
    entry(request, response, () => {
      seen.push({ url: request.url, id: (request as IncomingMessage & { id?: unknown }).id });
      if (request.url?.includes('log-inside')) storage.getStore()!.logger.warn('inside the request');
      response.statusCode = request.url?.includes('fail') ? 500 : 200;
      response.end('{}');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function eventually(check: () => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return check();
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('requestEntry', () => {
  let served: Served;
  afterEach(() => served.close());

  it('keeps a sane caller request id, answers it and logs the request under it with the token redacted', async () => {
    served = await serve('info');
    const response = await fetch(`${served.url}/scim/v2//Users?access_token=secret-value&x=1`, { headers: { 'X-Request-Id': 'idp-42' } });
    expect(response.headers.get('x-request-id')).toBe('idp-42');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.seen[0]).toEqual({ url: '/scim/v2/Users?access_token=secret-value&x=1', id: 'idp-42' });
    await eventually(() => expect(served.lines).toHaveLength(1));
    expect(served.lines[0]).toMatchObject({
      level: 30,
      context: 'HTTP',
      msg: 'request completed',
      req: { id: 'idp-42', method: 'GET', url: '/scim/v2/Users?access_token=[redacted]&x=1' },
      res: { statusCode: 200 },
    });
    expect(typeof served.lines[0].responseTime).toBe('number');
  });

  it('makes up an id for a missing or insane one', async () => {
    served = await serve('info');
    const response = await fetch(`${served.url}/health`, { headers: { 'X-Request-Id': 'not sane\u00e9' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives lines logged during the request the request, and reports a 5xx as errored', async () => {
    served = await serve('info');
    await fetch(`${served.url}/log-inside`, { headers: { 'X-Request-Id': 'req-1' } });
    await fetch(`${served.url}/fail`, { headers: { 'X-Request-Id': 'req-2' } });
    await eventually(() => expect(served.lines).toHaveLength(3));
    expect(served.lines[0]).toMatchObject({ msg: 'inside the request', req: { id: 'req-1', url: '/log-inside' } });
    expect(served.lines[1]).toMatchObject({ msg: 'request completed', req: { id: 'req-1' } });
    expect(served.lines[2]).toMatchObject({ msg: 'request errored', req: { id: 'req-2' }, res: { statusCode: 500 } });
  });

  it('writes no request line below its level, but the lines logged at a level written', async () => {
    served = await serve('warn');
    await fetch(`${served.url}/log-inside`, { headers: { 'X-Request-Id': 'req-3' } });
    await fetch(`${served.url}/health`);
    await eventually(() => expect(served.lines).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(served.lines).toHaveLength(1);
    expect(served.lines[0]).toMatchObject({ level: 40, msg: 'inside the request', req: { id: 'req-3' } });
  });
});
