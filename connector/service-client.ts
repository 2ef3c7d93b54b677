import { Logger } from './logger';

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
}

/** An answer of the service that retrying will not change (a 4xx): the run stops with the service's message. */
export class ServiceRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The service's connector API (/api/connector/v1) over HTTP, with the connector token. Network failures, 5xx and
 * 429 answers are retried with exponential backoff up to the policy's attempts, never sooner than a 429's
 * Retry-After; every request is safe to repeat (a part upload replaces the part, committing a committed snapshot
 * changes nothing).
 */
export class ServiceClient {
  private readonly base: string;

  constructor(
    serviceUrl: string,
    private readonly token: string,
    private readonly version: string,
    private readonly retry: RetryPolicy,
    private readonly logger: Logger,
  ) {
    this.base = `${serviceUrl}/api/connector/v1`;
  }

  async send<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    let delay = this.retry.initialDelayMs;
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      let retryAfterMs = 0;
      try {
        const response = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${this.token}`,
            'User-Agent': `dps-directory-connector/${this.version}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(300_000),
        });
        const text = await response.text();
        if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
        const message = messageOf(text) ?? response.statusText;
        if (response.status < 500 && response.status !== 429) {
          throw new ServiceRefusal(response.status, `${method} ${path} answered ${response.status}: ${message}`);
        }
        failure = `${response.status}: ${message}`;
        retryAfterMs = retryAfterOf(response);
      } catch (error) {
        if (error instanceof ServiceRefusal) throw error;
        failure = error instanceof Error ? `${error.message}${causeOf(error)}` : String(error);
      }
      if (attempt >= this.retry.attempts) {
        throw new Error(`The service did not answer ${method} ${path} after ${attempt} attempts: ${failure}`);
      }
      const wait = Math.max(delay, retryAfterMs);
      this.logger.warn(`${method} ${path} failed (${failure}); attempt ${attempt + 1} of ${this.retry.attempts} in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      delay *= 2;
    }
  }
}

/** A Retry-After given in seconds, in milliseconds (0 when absent or a date: the backoff then decides). */
function retryAfterOf(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function messageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : undefined;
  } catch {
    return text.slice(0, 200) || undefined;
  }
}

function causeOf(error: Error): string {
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? ` (${cause.code ?? cause.message ?? 'unknown cause'})` : '';
}
