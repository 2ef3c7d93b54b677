import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  /** Parsed JSON when the body is JSON, else the raw text ('' for no body). */
  body: unknown;
  bytes: number;
}

/**
 * A minimal JSON-over-HTTP client on keep-alive connections to one origin (127.0.0.1 only): node:http is
 * built in and spends less CPU per request than fetch, which matters when the load generator shares two
 * cores with the service and the database.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    connections: number,
    private readonly timeoutMs: number,
  ) {
    const url = new URL(baseUrl);
    if (url.hostname !== '127.0.0.1') throw new Error(`the benchmark only talks to 127.0.0.1, not ${url.hostname}`);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, scheduling: 'lifo' });
  }

  send(method: string, path: string, token?: string, body?: unknown): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { Accept: 'application/scim+json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (payload) {
      headers['Content-Type'] = 'application/scim+json';
      headers['Content-Length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { agent: this.agent, host: this.host, port: this.port, method, path, headers, timeout: this.timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if (text && /json/i.test(String(response.headers['content-type'] ?? ''))) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            resolve({ status: response.statusCode ?? 0, body: parsed, bytes: text.length });
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out after ${this.timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The error a phase counts: an unexpected status or an answer that contradicts the request. */
export class BenchRequestError extends Error {
  override readonly name = 'BenchRequestError';
}

export function expectStatus(response: HttpResponse, expected: number[], what: string): void {
  if (!expected.includes(response.status)) {
    const detail = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    throw new BenchRequestError(`${what}: HTTP ${response.status} ${detail.slice(0, 300)}`);
  }
}
