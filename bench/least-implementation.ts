import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BenchRequestError, expectStatus, HttpClient } from './http-client';
import { LoadResult, runLoad } from './load-runner';
import { ManagedChild } from './managed-child';
import { createUserBody, deactivateBody, labelledUserBody, quoted, shapeOf, userNameOf } from './scim-bodies';
import { scatter } from './raw-baseline';

export interface LeastImplementationOptions {
  databaseUrl: string;
  /** The raw baseline's scratch schema, with its copies of the service's tables. */
  schema: string;
  companyId: string;
  connections: number;
  concurrency: number;
  timeoutMs: number;
}

/**
 * The least implementation of the SCIM hot paths beside the service (least-implementation.child.ts), loaded as the
 * service's phases are: the same client, bodies and concurrency. Its creates, lookups and deactivations read as a
 * share of the framework floor tell what any implementation of these shapes reaches on this machine.
 */
export class LeastImplementation {
  private readonly userIds: string[] = [];
  private readonly runId = `least${randomBytes(3).toString('hex')}`;

  private constructor(
    private readonly child: ManagedChild,
    private readonly http: HttpClient,
    private readonly token: string,
    private readonly options: LeastImplementationOptions,
  ) {}

  static async start(options: LeastImplementationOptions): Promise<LeastImplementation> {
    const token = randomBytes(24).toString('hex');
    const child = ManagedChild.start('least implementation', process.execPath, [join(__dirname, 'least-implementation.child.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LEAST_TOKEN: token,
        LEAST_DATABASE_URL: options.databaseUrl,
        LEAST_SCHEMA: options.schema,
        LEAST_COMPANY_ID: options.companyId,
        LEAST_CONNECTIONS: String(options.connections),
      },
    });
    try {
      const url = await child.waitForLine((line) => (line.startsWith('listening ') ? line.slice('listening '.length) : undefined), 30_000);
      return new LeastImplementation(child, new HttpClient(url, options.concurrency, options.timeoutMs), token, options);
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  /**
   * Untimed: `count` users of their own created, looked up and deactivated, so that the timed phases meet this process
   * compiled and warm, as they meet the service.
   */
  async warmUp(count: number): Promise<void> {
    const ids: string[] = [];
    await this.load(count, async (index) => {
      const response = await this.http.send('POST', '/users', this.token, labelledUserBody(this.runId, 'warm', index, undefined));
      ids[index] = (response.body as { id: string }).id;
    });
    await this.load(count, async (index) => {
      const filter = encodeURIComponent(`userName eq ${quoted(`bench.warm${index}.${this.runId}@bench.test`)}`);
      await this.http.send('GET', `/users?filter=${filter}`, this.token);
    });
    await this.load(count, async (index) => {
      await this.http.send('PATCH', `/users/${ids[index]}`, this.token, deactivateBody(index));
    });
  }

  /** The service's create bodies, one user and its event per request. */
  createUsers(count: number): Promise<LoadResult> {
    return this.load(count, async (index) => {
      const response = await this.http.send('POST', '/users', this.token, createUserBody(this.runId, index, undefined));
      expectStatus(response, [201], 'POST /users (least)');
      const id = (response.body as { id?: unknown }).id;
      if (typeof id !== 'string') throw new BenchRequestError('POST /users (least) answered without an id');
      this.userIds[index] = id;
    });
  }

  /** Okta's `userName eq` match request over the users created above. */
  lookUpByUserName(count: number): Promise<LoadResult> {
    return this.load(count, async (step) => {
      const index = scatter(step, this.userIds.length);
      const filter = encodeURIComponent(`userName eq ${quoted(userNameOf(this.runId, index))}`);
      const response = await this.http.send('GET', `/users?filter=${filter}&startIndex=1&count=100`, this.token);
      expectStatus(response, [200], 'GET /users?filter (least)');
      const body = response.body as { totalResults?: number; Resources?: { id?: string }[] };
      if (body.totalResults !== 1 || body.Resources?.[0]?.id !== this.userIds[index]) {
        throw new BenchRequestError(`least lookup of user ${index}: totalResults ${String(body.totalResults)}`);
      }
    });
  }

  /** The service's PATCH active=false bodies, over the users created above. */
  deactivate(count: number): Promise<LoadResult> {
    return this.load(count, async (step) => {
      const index = scatter(step, this.userIds.length);
      const response = await this.http.send('PATCH', `/users/${this.userIds[index]}`, this.token, deactivateBody(index));
      expectStatus(response, [200], `PATCH /users (least, ${shapeOf(index)})`);
    });
  }

  /** The process answering, whose CPU the report gives per request. */
  get pid(): number {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    this.http.close();
    await this.child.stop();
  }

  private load(total: number, task: (index: number) => Promise<void>): Promise<LoadResult> {
    return runLoad({ total, concurrency: this.options.concurrency, timeoutMs: this.options.timeoutMs, task });
  }
}
