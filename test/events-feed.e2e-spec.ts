import { DataSource } from 'typeorm';
import { FeedWakeups } from '../src/events/feed/feed-wakeups';
import { RetentionService } from '../src/retention/retention.service';
import { companyEvents, FeedEvent, lastPosition, readAll, readFeed } from './support/events-feed';
import { createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany } from './support/factories';
import { startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { waitFor } from './support/wait-for';

// A woken long-poll answers within moments; one not woken would answer only after its 30 s.
const WAKE_BOUND_MS = 15_000;

/** Rejects after `ms`: a bound on something that must happen long before, never a measured time. */
function boundedBy<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}

describe('the events feed', () => {
  let app: TestApp;

  const wakeups = (target: TestApp = app) => target.running.app.get(FeedWakeups);
  const positions = (events: FeedEvent[]) => events.map((event) => BigInt(event.position));
  const sequences = (events: FeedEvent[]) => events.map((event) => Number(event.sequence));
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  /** A company with a provisioning token and `users` users provisioned: one user.created event each. */
  async function companyWithUsers(name: string, users: number): Promise<{ company: TestCompany; token: string; userIds: string[] }> {
    const company = await createCompany(app, name);
    const token = await createProvisioningToken(app, company, 'okta');
    const userIds: string[] = [];
    for (let i = 0; i < users; i++) userIds.push((await createUser(app, token)).id);
    return { company, token, userIds };
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { RETENTION_INTERVAL_SECONDS: '0' } });
  });
  afterAll(() => app.close());

  it('gives each company its own events in sequence order, gap-free, resumable from any cursor', async () => {
    const acme = await companyWithUsers('Acme', 2);
    const globex = await companyWithUsers('Globex', 1);
    const group = await createGroup(app, acme.token, { members: members(acme.userIds) });
    await createUser(app, globex.token);

    const acmeEvents = await companyEvents(app, acme.company.companyId, 5);
    const globexEvents = await companyEvents(app, globex.company.companyId, 2);

    expect(sequences(acmeEvents)).toEqual(range(1, 5));
    expect(acmeEvents.map((event) => event.type)).toEqual([
      'user.created',
      'user.created',
      'group.created',
      'group.member_added',
      'group.member_added',
    ]);
    expect(acmeEvents[2].subject).toMatchObject({ type: 'group', id: group.id });
    expect(sequences(globexEvents)).toEqual([1, 2]);
    for (const event of globexEvents) expect(event.companyId).toBe(globex.company.companyId);
    const acmeIds = new Set([...acme.userIds, group.id]);
    expect(globexEvents.some((event) => acmeIds.has(event.subject.id))).toBe(false);

    for (let cursor = 0; cursor <= acmeEvents.length; cursor++) {
      const page = (await readFeed(app, { after: String(cursor), limit: 2 }, acme.company.companyId).expect(200)).body;
      const expected = acmeEvents.slice(cursor, cursor + 2);
      expect(page.events).toEqual(expected);
      expect(page.nextCursor).toBe(expected.at(-1)?.sequence ?? String(cursor));
    }
  });

  it("gives every company's events in position order, gap-free, resumable from any cursor", async () => {
    const start = await lastPosition(app);
    const first = await companyWithUsers('First', 2);
    const second = await companyWithUsers('Second', 2);
    await createUser(app, first.token);
    await companyEvents(app, first.company.companyId, 3);
    await companyEvents(app, second.company.companyId, 2);

    const events = await readAll(app, start);
    expect(positions(events)).toEqual(range(1, events.length).map((n) => BigInt(start) + BigInt(n)));
    const ours = events.filter((event) => [first, second].some(({ company }) => company.companyId === event.companyId));
    expect(ours.map((event) => [event.companyId, event.sequence])).toEqual([
      [first.company.companyId, '1'],
      [first.company.companyId, '2'],
      [second.company.companyId, '1'],
      [second.company.companyId, '2'],
      [first.company.companyId, '3'],
    ]);

    for (let index = 0; index <= events.length; index++) {
      const after = index === 0 ? start : events[index - 1].position;
      const page = (await readFeed(app, { after, limit: 3 }).expect(200)).body;
      expect(page.events).toEqual(events.slice(index, index + 3));
    }
    const last = events.at(-1)!.position;
    expect((await readFeed(app, { after: last }).expect(200)).body).toEqual({ events: [], nextCursor: last });
  });

  it('refuses a malformed cursor, limit or wait, or an unknown parameter, with a 400 naming it', async () => {
    const { company } = await companyWithUsers('Malformed', 0);
    const refusals: [Record<string, unknown>, string][] = [
      [{ after: 'abc' }, 'after'],
      [{ after: '-1' }, 'after'],
      [{ after: '1.5' }, 'after'],
      [{ after: '01' }, 'after'],
      [{ after: '9'.repeat(20) }, 'after'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ wait: 31 }, 'wait'],
      [{ wait: -1 }, 'wait'],
      [{ wait: 0.5 }, 'wait'],
      [{ since: '1' }, 'since'],
    ];
    for (const [query, field] of refusals) {
      for (const companyId of [undefined, company.companyId]) {
        const response = await readFeed(app, query, companyId).expect(400);
        expect(response.body).toMatchObject({
          statusCode: 400,
          code: 'validation_failed',
          details: expect.arrayContaining([expect.objectContaining({ field })]),
        });
      }
    }
    await readFeed(app, {}, 'not-a-uuid').expect(400);
    await app.http.get('/api/internal/events').expect(401);
  });

  it('holds an empty answer until an event comes, and answers at once with wait=0', async () => {
    const { company, token } = await companyWithUsers('Long poll', 0);
    const polled = readFeed(app, { after: '0', wait: 30 }, company.companyId).then((response) => response);
    await waitFor('the reader to wait', () => wakeups().waiting === 1);

    const user = await createUser(app, token);

    const response = await boundedBy(polled, WAKE_BOUND_MS, 'the waiting reader was not woken');
    expect(response.status).toBe(200);
    expect(response.body.events).toEqual([
      expect.objectContaining({ type: 'user.created', subject: expect.objectContaining({ id: user.id }) }),
    ]);
    expect(response.body.nextCursor).toBe('1');
    expect((await readFeed(app, { after: '1', wait: 0 }, company.companyId).expect(200)).body).toEqual({ events: [], nextCursor: '1' });
    expect(wakeups().waiting).toBe(0);
  });

  it('lets go of a waiting reader whose client disconnects', async () => {
    const { company } = await companyWithUsers('Gone', 0);
    const request = readFeed(app, { wait: 30 }, company.companyId);
    const settled = request.then(
      () => 'answered',
      () => 'aborted',
    );
    await waitFor('the reader to wait', () => wakeups().waiting === 1);
    request.abort();
    expect(await settled).toBe('aborted');
    await waitFor('the waiter to be released', () => wakeups().waiting === 0);
  });

  describe('after the retention purge', () => {
    const database = () => app.running.app.get(DataSource);
    const purge = () => app.running.app.get(RetentionService).runOnce();
    /** Makes every event up to this position older than EVENTS_RETENTION_DAYS (7 by default). */
    const ageThrough = (position: string) =>
      database().query(`UPDATE change_events SET occurred_at = now() - interval '8 days' WHERE position <= $1`, [position]);

    it('answers 410 to a cursor before the oldest event kept, and resumes from the last one purged', async () => {
      const { company, token } = await companyWithUsers('Purged', 4);
      const events = await companyEvents(app, company.companyId, 4);
      await ageThrough(events[1].position);

      const run = await purge();
      expect(run.purged.change_events).toBeGreaterThanOrEqual(2);

      for (const after of ['0', '1']) {
        const refused = (await readFeed(app, { after }, company.companyId).expect(410)).body;
        expect(refused).toMatchObject({ statusCode: 410, code: 'cursor_expired', details: [expect.objectContaining({ field: 'after' })] });
        expect(refused.message).toBe(
          'Events before sequence 3 were purged after 7 days (EVENTS_RETENTION_DAYS); resume from after=2 and resync what changed before, or resync in full',
        );
      }
      expect((await readFeed(app, { after: '2' }, company.companyId).expect(200)).body.events).toEqual(events.slice(2));
      const fromOldest = (await readFeed(app, {}, company.companyId).expect(200)).body;
      expect(fromOldest).toEqual({ events: events.slice(2), nextCursor: '4' });
      const purgedPosition = events[1].position;
      await readFeed(app, { after: String(BigInt(purgedPosition) - 1n), wait: 30 }).expect(410);
      expect((await readFeed(app, { after: purgedPosition, limit: 1 }).expect(200)).body.events).toEqual([events[2]]);

      await createUser(app, token);
      const later = await companyEvents(app, company.companyId, 3, '2');
      expect(sequences(later)).toEqual([3, 4, 5]);
    });

    it("keeps the newest event, so that numbering goes on, and refuses a company's purged cursor when none is left", async () => {
      const { company, token } = await companyWithUsers('All purged', 2);
      const events = await companyEvents(app, company.companyId, 2);
      const last = await lastPosition(app);
      expect(last).toBe(events[1].position);
      await ageThrough(last);

      await purge();

      expect(await lastPosition(app)).toBe(last);
      await readFeed(app, { after: '0' }, company.companyId).expect(410);
      const kept = (await readFeed(app, { after: '1' }, company.companyId).expect(200)).body.events;
      expect(kept.map((event: FeedEvent) => event.id)).toEqual([events[1].id]);
      expect((await readFeed(app, { after: '2' }, company.companyId).expect(200)).body.events).toEqual([]);
      const fromOldest = (await readFeed(app, {}, company.companyId).expect(200)).body;
      expect([fromOldest.events.map((event: FeedEvent) => event.id), fromOldest.nextCursor]).toEqual([[events[1].id], '2']);

      const other = await companyWithUsers('After the purge', 1);
      const [next] = await companyEvents(app, other.company.companyId, 1);
      expect(next.position).toBe(String(BigInt(last) + 1n));
      await createUser(app, token);
      await ageThrough(next.position);
      await purge();
      const refused = (await readFeed(app, { after: '1' }, company.companyId).expect(410)).body;
      expect(refused.message).toMatch(/^Events before sequence 3 were purged/);
      expect((await readFeed(app, { after: '2' }, company.companyId).expect(200)).body.events).toEqual([
        expect.objectContaining({ sequence: '3' }),
      ]);
    });
  });

  // Last: closing a second application in this process leaves the first one without its database connection.
  describe('with a second instance', () => {
    const onPostgres = usesEmbeddedDatabase ? it.skip : it;
    onPostgres('wakes a reader on another instance through LISTEN/NOTIFY', async () => {
      const other = await startTestApp();
      try {
        const { company, token } = await companyWithUsers('Two instances', 0);
        await waitFor('the other instance to listen for notices', () => !wakeups(other).polling);
        const polled = readFeed(other, { wait: 30 }, company.companyId).then((response) => response);
        await waitFor('the reader to wait on the other instance', () => wakeups(other).waiting === 1);

        const user = await createUser(app, token);

        const response = await boundedBy(polled, WAKE_BOUND_MS, 'the reader on the other instance was not woken');
        expect(response.body.events.map((event: FeedEvent) => event.subject.id)).toEqual([user.id]);
      } finally {
        await other.close();
      }
    });

    it('lets waiting readers go at shutdown instead of holding it for their wait', async () => {
      const other = await startTestApp();
      const company = await createCompany(other, 'Shutdown');
      const polled = readFeed(other, { wait: 30 }, company.companyId).then((response) => response);
      await waitFor('the reader to wait', () => wakeups(other).waiting === 1);

      await boundedBy(other.close(), WAKE_BOUND_MS, 'the service did not stop');
      const response = await polled;
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ events: [], nextCursor: '0' });
    });
  });
});
