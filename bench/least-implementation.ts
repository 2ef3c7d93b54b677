import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BenchRequestError, expectStatus, HttpClient } from './http-client';
import { LoadResult, runLoad } from './load-runner';
import { ManagedChild } from './managed-child';
import { createUserBody, deactivateBody, quoted, shapeOf, userNameOf } from './scim-bodies';
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

/** Users created under one run id (their userNames), with the ids the creates answered, by index. */
interface UserSet {
  runId: string;
  ids: string[];
}

/**
 * The least implementation of the SCIM hot paths beside the service (least-implementation.child.ts), loaded as the
 * service's phases are: the same client, bodies and concurrency. Its creates, lookups and deactivations read as a
 * share of the framework floor tell what any implementation of these shapes reaches on this machine.
 */
export class LeastImplementation {
  private readonly measured: UserSet = { runId: `least${randomBytes(3).toString('hex')}`, ids: [] };

  private constructor(
    private readonly child: ManagedChild,
    private readonly http: HttpClient,
    private readonly token: string,
    private readonly options: LeastImplementationOptions,
  ) {}

  static async start(options: LeastImplementationOptions): Promise<LeastImplementation> {
    const token = randomBytes(24).toString('hex');
    const { child, url } = await ManagedChild.startListening('least implementation', join(__dirname, 'least-implementation.child.js'), {
      ...process.env,
      NODE_ENV: 'production',
      LEAST_TOKEN: token,
      LEAST_DATABASE_URL: options.databaseUrl,
      LEAST_SCHEMA: options.schema,
      LEAST_COMPANY_ID: options.companyId,
      LEAST_CONNECTIONS: String(options.connections),
    });
    return new LeastImplementation(child, new HttpClient(url, options.concurrency, options.timeoutMs), token, options);
  }

  /**
   * Untimed: `count` users of a set of their own created, looked up and deactivated, so that the timed phases meet this
   * process compiled and warm, as they meet the service.
   */
  async warmUp(count: number): Promise<void> {
    const warm: UserSet = { runId: `${this.measured.runId}w`, ids: [] };
    await this.createUsers(count, warm);
    await this.lookUpByUserName(count, warm);
    await this.deactivate(count, warm);
  }

  /** The service's create bodies, one user and its event per request. */
  createUsers(count: number, users: UserSet = this.measured): Promise<LoadResult> {
    return this.load(count, async (index) => {
      const response = await this.http.send('POST', '/users', this.token, createUserBody(users.runId, index, undefined));
      expectStatus(response, [201], 'POST /users (least)');
      const id = (response.body as { id?: unknown }).id;
      if (typeof id !== 'string') throw new BenchRequestError('POST /users (least) answered without an id');
      users.ids[index] = id;
    });
  }

  /** Okta's `userName eq` match request over the users created before. */
  lookUpByUserName(count: number, users: UserSet = this.measured): Promise<LoadResult> {
    return this.load(count, async (step) => {
      const index = scatter(step, users.ids.length);
      const filter = encodeURIComponent(`userName eq ${quoted(userNameOf(users.runId, index))}`);
      const response = await this.http.send('GET', `/users?filter=${filter}&startIndex=1&count=100`, this.token);
      expectStatus(response, [200], 'GET /users?filter (least)');
      const body = response.body as { totalResults?: number; Resources?: { id?: string }[] };
      if (body.totalResults !== 1 || body.Resources?.[0]?.id !== users.ids[index]) {
        throw new BenchRequestError(`least lookup of user ${index}: totalResults ${String(body.totalResults)}`);
      }
    });
  }

  /** The service's PATCH active=false bodies, over the users created before. */
  deactivate(count: number, users: UserSet = this.measured): Promise<LoadResult> {
    return this.load(count, async (step) => {
      const index = scatter(step, users.ids.length);
      const response = await this.http.send('PATCH', `/users/${users.ids[index]}`, this.token, deactivateBody(index));
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
