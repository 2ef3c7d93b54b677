import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from './logger';
import { ServiceClient } from './service-client';

/** A stand-in of the service on loopback that answers 429 with `Retry-After: 1` first, then 200. */
async function rateLimitedOnce(): Promise<{ url: string; arrivals: number[]; close(): void }> {
  const arrivals: number[] = [];
  const server = createServer((_request, response) => {
    arrivals.push(Date.now());
    if (arrivals.length === 1) {
      response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' }).end('{"message":"Too many requests"}');
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals, close: () => server.close() };
}

describe(ServiceClient.name, () => {
  it('retries a 429 no sooner than its Retry-After, even when the backoff would be shorter', async () => {
    const service = await rateLimitedOnce();
    const lines: string[] = [];
    try {
      const client = new ServiceClient(
        service.url,
        'dpsconn_test',
        '0.0.0',
        { attempts: 3, initialDelayMs: 10 },
        new Logger((line) => lines.push(line)),
      );
      await expect(client.send('GET', '/settings')).resolves.toEqual({ ok: true });
      expect(service.arrivals).toHaveLength(2);
      expect(service.arrivals[1] - service.arrivals[0]).toBeGreaterThanOrEqual(950);
      expect(lines.join('\n')).toMatch(/429: Too many requests\); attempt 2 of 3 in 1000 ms/);
    } finally {
      service.close();
    }
  });
});
