import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expectStatus, HttpClient } from './http-client';
import { LoadResult, runLoad } from './load-runner';
import { ManagedChild } from './managed-child';

/**
 * The bare framework beside the service (framework-floor.child.ts), loaded the way the service's phases are: the same
 * client, concurrency and request count, so that each phase reads as a share of what NestJS on Express can do here.
 */
export class FrameworkFloor {
  private constructor(
    private readonly child: ManagedChild,
    private readonly http: HttpClient,
    private readonly token: string,
    private readonly concurrency: number,
    private readonly timeoutMs: number,
  ) {}

  static async start(concurrency: number, timeoutMs: number): Promise<FrameworkFloor> {
    const token = randomBytes(24).toString('hex');
    const { child, url } = await ManagedChild.startListening('framework floor', join(__dirname, 'framework-floor.child.js'), {
      ...process.env,
      NODE_ENV: 'production',
      FLOOR_TOKEN: token,
    });
    return new FrameworkFloor(child, new HttpClient(url, concurrency, timeoutMs), token, concurrency, timeoutMs);
  }

  /** Untimed: both routes, so that the timed phases meet this process compiled and warm, as they meet the service. */
  async warmUp(requests: number): Promise<void> {
    await this.fixedJson(requests);
    await this.fixedJsonBehindBearer(requests);
  }

  /** GET of a fixed small JSON: routing, the controller and the JSON answer, nothing else. */
  fixedJson(requests: number): Promise<LoadResult> {
    return this.load(requests, async () => expectStatus(await this.http.send('GET', '/fixed'), [200], 'GET /fixed'));
  }

  /** The same behind passport-http-bearer comparing a fixed token. */
  fixedJsonBehindBearer(requests: number): Promise<LoadResult> {
    return this.load(requests, async () =>
      expectStatus(await this.http.send('GET', '/fixed-bearer', this.token), [200], 'GET /fixed-bearer'),
    );
  }

  /** The process answering, whose CPU the report gives per request. */
  get pid(): number {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    this.http.close();
    await this.child.stop();
  }

  private load(total: number, task: () => Promise<void>): Promise<LoadResult> {
    return runLoad({ total, concurrency: this.concurrency, timeoutMs: this.timeoutMs, task });
  }
}
