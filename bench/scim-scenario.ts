import { BenchOptions } from './bench-options';
import { BenchRequestError, expectStatus, HttpClient, HttpResponse } from './http-client';
import { LoadResult, runLoad, summarize } from './load-runner';
import { scatter } from './raw-baseline';
import {
  addMembersBody,
  bulkCreateBody,
  createGroupBody,
  createUserBody,
  deactivateBody,
  externalIdOf,
  labelledUserBody,
  ProviderShape,
  quoted,
  removeMembersBody,
  shapeOf,
  userNameOf,
} from './scim-bodies';

type Json = Record<string, unknown>;

/** User creates per Bulk request in the Bulk comparison: the service's default maxOperations. */
export const BULK_SIZE = 1000;

/** The SCIM side of a run: what it created so far, and one method per phase. */
export class ScimScenario {
  readonly userIds: (string | undefined)[];
  managerId: string | undefined;
  bigGroupId: string | undefined;
  /** Users removed from the big group by the Entra-style removals (they are not members any more). */
  removedFromBigGroup: number[] = [];

  constructor(
    private readonly http: HttpClient,
    private readonly basePath: string,
    private readonly tokens: Record<ProviderShape, string>,
    private readonly runId: string,
    private readonly options: BenchOptions,
  ) {
    this.userIds = new Array<string | undefined>(options.users);
  }

  private get timeoutMs(): number {
    return this.options.phaseTimeoutSeconds * 1000;
  }

  private load(total: number, task: (index: number) => Promise<void>, concurrency = this.options.concurrency): Promise<LoadResult> {
    return runLoad({ total, concurrency, timeoutMs: this.timeoutMs, task });
  }

  private send(shape: ProviderShape, method: string, path: string, body?: unknown): Promise<HttpResponse> {
    return this.http.send(method, `${this.basePath}${path}`, this.tokens[shape], body);
  }

  private userId(index: number): string {
    const id = this.userIds[index];
    if (!id) throw new BenchRequestError(`user ${index} was not created`);
    return id;
  }

  /** GET /health: no authentication and no SQL, so the most requests/s the HTTP stack can serve at all. */
  httpFloor(requests: number): Promise<LoadResult> {
    return this.load(requests, async () => {
      const response = await this.http.send('GET', '/health');
      expectStatus(response, [200], 'GET /health');
    });
  }

  /** GET /ServiceProviderConfig: a static document behind the token check, so the cost of authentication alone. */
  authenticatedFloor(requests: number): Promise<LoadResult> {
    return this.load(requests, async (index) => {
      const response = await this.send(shapeOf(index), 'GET', '/ServiceProviderConfig');
      expectStatus(response, [200], 'GET /ServiceProviderConfig');
    });
  }

  /** The manager the Entra-shaped users point at, created before the timed phases. */
  async createManager(): Promise<void> {
    const userName = `bench.manager.${this.runId}@bench.test`;
    const body = {
      ...createUserBody(this.runId, 0, undefined),
      userName,
      emails: [{ primary: true, value: userName, type: 'work' }],
      externalId: `00umanager${this.runId}`,
    };
    const response = await this.send('okta', 'POST', '/Users', body);
    expectStatus(response, [201], 'POST /Users (manager)');
    this.managerId = (response.body as Json).id as string;
  }

  createUsers(): Promise<LoadResult> {
    return this.load(this.options.users, async (index) => {
      const response = await this.send(shapeOf(index), 'POST', '/Users', createUserBody(this.runId, index, this.managerId));
      expectStatus(response, [201], 'POST /Users');
      const id = (response.body as Json).id;
      if (typeof id !== 'string') throw new BenchRequestError('POST /Users answered without an id');
      this.userIds[index] = id;
    });
  }

  /** The Bulk comparison's baseline: BULK_SIZE users per round as single POST /Users, at the benchmark's concurrency. */
  createUsersOneByOne(rounds: number): Promise<LoadResult> {
    return this.load(rounds * BULK_SIZE, async (index) => {
      const response = await this.send(shapeOf(index), 'POST', '/Users', labelledUserBody(this.runId, 'single', index, this.managerId));
      expectStatus(response, [201], 'POST /Users (one by one)');
    });
  }

  /** The same users per round in one POST /Bulk, one Bulk request at a time; every operation must be a 201. */
  createUsersInBulk(rounds: number): Promise<LoadResult> {
    return this.load(
      rounds,
      async (round) => {
        const bodies = Array.from({ length: BULK_SIZE }, (_, offset) =>
          labelledUserBody(this.runId, 'bulk', round * BULK_SIZE + offset, this.managerId),
        );
        const response = await this.send(shapeOf(round), 'POST', '/Bulk', bulkCreateBody(bodies));
        expectStatus(response, [200], 'POST /Bulk');
        const operations = ((response.body as Json).Operations as Json[] | undefined) ?? [];
        const created = operations.filter((operation) => operation.status === '201').length;
        if (created !== BULK_SIZE) {
          const failed = operations.find((operation) => operation.status !== '201');
          throw new BenchRequestError(
            `POST /Bulk created ${created} of ${BULK_SIZE} users; e.g. ${JSON.stringify(failed?.response ?? null)}`,
          );
        }
      },
      1,
    );
  }

  /** Okta's match request: `userName eq` with startIndex=1&count=100. */
  lookUpByUserName(): Promise<LoadResult> {
    return this.load(this.options.lookups, async (step) => {
      const index = scatter(step, this.options.users);
      const filter = encodeURIComponent(`userName eq ${quoted(userNameOf(this.runId, index))}`);
      const response = await this.send(shapeOf(index), 'GET', `/Users?filter=${filter}&startIndex=1&count=100`);
      this.expectSingleMatch(response, index, 'userName eq');
    });
  }

  /** Entra ID's match request: `externalId eq` on its objectId. */
  lookUpByExternalId(): Promise<LoadResult> {
    return this.load(this.options.lookups, async (step) => {
      const index = scatter(step, this.options.users);
      const filter = encodeURIComponent(`externalId eq ${quoted(externalIdOf(this.runId, index))}`);
      const response = await this.send(shapeOf(index), 'GET', `/Users?filter=${filter}`);
      this.expectSingleMatch(response, index, 'externalId eq');
    });
  }

  private expectSingleMatch(response: HttpResponse, index: number, what: string): void {
    expectStatus(response, [200], `GET /Users?filter=${what}`);
    const body = response.body as Json;
    const resources = body.Resources as Json[] | undefined;
    if (body.totalResults !== 1 || resources?.length !== 1 || resources[0].id !== this.userId(index)) {
      throw new BenchRequestError(`${what} for user ${index}: totalResults ${String(body.totalResults)}, expected exactly that user`);
    }
  }

  /** Okta's `{"op":"replace","value":{"active":false}}` and Entra ID's `"Replace" active "False"`, alternately. */
  /** `sending` hears of each user about to be deactivated (the event latency probe). */
  deactivate(sending: (userId: string) => void = () => undefined): Promise<LoadResult> {
    return this.load(this.options.deactivations, async (step) => {
      const index = scatter(step, this.options.users);
      sending(this.userId(index));
      const response = await this.send(shapeOf(index), 'PATCH', `/Users/${this.userId(index)}`, deactivateBody(index));
      expectStatus(response, [200, 204], 'PATCH /Users active=false');
      if (response.status === 200 && (response.body as Json).active !== false) {
        throw new BenchRequestError('PATCH active=false answered with active still true');
      }
    });
  }

  /**
   * A provider's import: pages of `count` with `startIndex += count`. The first page gives totalResults;
   * the remaining pages go out at the benchmark's concurrency. Every user must be seen exactly once.
   */
  async listAll(): Promise<{ result: LoadResult; consistencyError?: string }> {
    const pageSize = this.options.pageSize;
    const seen = new Set<string>();
    let duplicates = 0;
    let total = -1;
    const fetchPage = async (startIndex: number): Promise<void> => {
      const response = await this.send('okta', 'GET', `/Users?startIndex=${startIndex}&count=${pageSize}`);
      expectStatus(response, [200], 'GET /Users page');
      const body = response.body as Json;
      if (typeof body.totalResults !== 'number') throw new BenchRequestError('a page without an integer totalResults');
      if (total < 0) total = body.totalResults;
      const resources = (body.Resources as Json[] | undefined) ?? [];
      const expected = Math.max(0, Math.min(pageSize, total - startIndex + 1));
      if (resources.length !== expected) {
        throw new BenchRequestError(`page at startIndex ${startIndex} has ${resources.length} users, expected ${expected}`);
      }
      for (const resource of resources) {
        if (seen.has(resource.id as string)) duplicates++;
        seen.add(resource.id as string);
      }
    };
    const expectedUsers = this.options.users + (this.managerId ? 1 : 0);
    // Bounded: the number of pages is fixed by the expected count, not by what the server says.
    const pages = Math.ceil(expectedUsers / pageSize);
    const result = await this.load(pages, (page) => fetchPage(1 + page * pageSize));
    let consistencyError: string | undefined;
    if (total !== expectedUsers) consistencyError = `totalResults ${total}, expected ${expectedUsers}`;
    else if (seen.size !== expectedUsers || duplicates > 0) {
      consistencyError = `the pages held ${seen.size} distinct users (${duplicates} repeated), expected ${expectedUsers}`;
    }
    if (consistencyError) {
      result.errors++;
      result.errorSamples.push({ message: `listing: ${consistencyError}`, count: 1 });
    }
    return { result, consistencyError };
  }

  async createGroup(displayName: string): Promise<string> {
    const response = await this.send('entra-id', 'POST', '/Groups', createGroupBody(displayName, `${this.runId}-${displayName}`));
    expectStatus(response, [201], 'POST /Groups');
    const id = (response.body as Json).id;
    if (typeof id !== 'string') throw new BenchRequestError('POST /Groups answered without an id');
    return id;
  }

  /** PATCH add of users [from, to) into a group, in batches of `batch`, at `concurrency`. */
  addMembers(groupId: string, from: number, to: number, batch: number, concurrency = this.options.concurrency): Promise<LoadResult> {
    const batches = Math.ceil((to - from) / batch);
    return this.load(
      batches,
      async (step) => {
        const first = from + step * batch;
        const ids = range(first, Math.min(to, first + batch)).map((index) => this.userId(index));
        const response = await this.send('entra-id', 'PATCH', `/Groups/${groupId}`, addMembersBody(ids));
        expectStatus(response, [200, 204], 'PATCH /Groups add members');
      },
      concurrency,
    );
  }

  async growBigGroup(): Promise<LoadResult> {
    this.bigGroupId = await this.createGroup(`bench-big-${this.runId}`);
    return this.addMembers(this.bigGroupId, 0, this.options.users, 100);
  }

  /** Entra ID's single-member removals: `{"op":"Remove","path":"members","value":[{"value":id}]}`. */
  removeSingleMembers(): Promise<LoadResult> {
    const groupId = this.requireBigGroup();
    const removed = range(0, this.options.removals).map((step) => scatter(step, this.options.users));
    this.removedFromBigGroup = removed;
    return this.load(removed.length, async (step) => {
      const response = await this.send('entra-id', 'PATCH', `/Groups/${groupId}`, removeMembersBody([this.userId(removed[step])]));
      expectStatus(response, [200, 204], 'PATCH /Groups remove member');
    });
  }

  /** One GET of the whole big group, members included: checks the membership is exact and times it. */
  async verifyBigGroup(): Promise<{ ms: number; members: number; bytes: number; error?: string }> {
    const groupId = this.requireBigGroup();
    const started = performance.now();
    const response = await this.send('entra-id', 'GET', `/Groups/${groupId}`);
    const ms = performance.now() - started;
    const members = ((response.body as Json).members as Json[] | undefined) ?? [];
    const expected = this.options.users - new Set(this.removedFromBigGroup).size;
    let error: string | undefined;
    if (response.status !== 200) error = `GET /Groups/{id}: HTTP ${response.status}`;
    else if (members.length !== expected) error = `the big group has ${members.length} members, expected ${expected}`;
    return { ms, members: members.length, bytes: response.bytes, error };
  }

  /** GET /Groups/{id}?excludedAttributes=members, as Entra ID reads a group before patching it. */
  getBigGroupWithoutMembers(): Promise<LoadResult> {
    const groupId = this.requireBigGroup();
    return this.load(this.options.groupGets, async () => {
      const response = await this.send('entra-id', 'GET', `/Groups/${groupId}?excludedAttributes=members`);
      expectStatus(response, [200], 'GET /Groups/{id}?excludedAttributes=members');
      const body = response.body as Json;
      if (body.id !== groupId || body.members !== undefined) {
        throw new BenchRequestError('GET /Groups/{id}?excludedAttributes=members returned another group or its members');
      }
    });
  }

  /** Entra ID's group match: `displayName eq` with excludedAttributes=members. */
  findBigGroupByDisplayName(): Promise<LoadResult> {
    const groupId = this.requireBigGroup();
    const filter = encodeURIComponent(`displayName eq ${quoted(`bench-big-${this.runId}`)}`);
    return this.load(this.options.groupGets, async () => {
      const response = await this.send('entra-id', 'GET', `/Groups?filter=${filter}&excludedAttributes=members`);
      expectStatus(response, [200], 'GET /Groups?filter=displayName eq');
      const body = response.body as Json;
      const resources = (body.Resources as Json[] | undefined) ?? [];
      if (body.totalResults !== 1 || resources[0]?.id !== groupId || resources[0]?.members !== undefined) {
        throw new BenchRequestError('displayName eq did not return exactly the big group without members');
      }
    });
  }

  /**
   * The issue's comparison: the same PATCH adding `batch` members into the big group and into a small one,
   * one request at a time, interleaved so both see the same conditions; each add is undone by a removal
   * (not timed) so the group sizes stay put.
   */
  async compareGroupSizes(): Promise<GroupSizeComparison> {
    const bigGroupId = this.requireBigGroup();
    const smallSize = this.options.smallGroupSize;
    const smallGroupId = await this.createGroup(`bench-small-${this.runId}`);
    const fill = await this.addMembers(smallGroupId, 0, smallSize, 100);
    if (fill.errors > 0) throw new BenchRequestError(`filling the small group failed: ${fill.errorSamples[0]?.message}`);
    const bigCandidates = this.removedFromBigGroup;
    const batch = Math.min(100, bigCandidates.length, this.options.users - smallSize);
    const bigIds = bigCandidates.slice(0, batch).map((index) => this.userId(index));
    const smallIds = range(smallSize, smallSize + batch).map((index) => this.userId(index));

    const bigLatencies: number[] = [];
    const smallLatencies: number[] = [];
    const errors = new Map<string, number>();
    const deadline = performance.now() + this.timeoutMs;
    const timed = async (groupId: string, body: Json, into: number[] | null): Promise<void> => {
      const started = performance.now();
      try {
        const response = await this.send('entra-id', 'PATCH', `/Groups/${groupId}`, body);
        expectStatus(response, [200, 204], 'PATCH /Groups (comparison)');
      } catch (error) {
        const message = (error as Error).message;
        errors.set(message, (errors.get(message) ?? 0) + 1);
      }
      into?.push(performance.now() - started);
    };
    let cycles = 0;
    for (; cycles < this.options.compareCycles && performance.now() < deadline; cycles++) {
      await timed(bigGroupId, addMembersBody(bigIds), bigLatencies);
      await timed(bigGroupId, removeMembersBody(bigIds), null);
      await timed(smallGroupId, addMembersBody(smallIds), smallLatencies);
      await timed(smallGroupId, removeMembersBody(smallIds), null);
    }
    const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0);
    const timedOut = cycles < this.options.compareCycles;
    return {
      batch,
      bigGroupSize: this.options.users - new Set(this.removedFromBigGroup).size,
      smallGroupSize: smallSize,
      cycles,
      big: summarize(Float64Array.from(bigLatencies)),
      small: summarize(Float64Array.from(smallLatencies)),
      errors: errorCount + (timedOut ? 1 : 0),
      errorSamples: [
        ...[...errors].slice(0, 5).map(([message, count]) => ({ message, count })),
        ...(timedOut ? [{ message: `comparison stopped after ${cycles} of ${this.options.compareCycles} cycles`, count: 1 }] : []),
      ],
    };
  }

  private requireBigGroup(): string {
    if (!this.bigGroupId) throw new BenchRequestError('the big group was not created');
    return this.bigGroupId;
  }
}

export interface GroupSizeComparison {
  batch: number;
  bigGroupSize: number;
  smallGroupSize: number;
  cycles: number;
  big: ReturnType<typeof summarize>;
  small: ReturnType<typeof summarize>;
  errors: number;
  errorSamples: { message: string; count: number }[];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, offset) => from + offset);
}
