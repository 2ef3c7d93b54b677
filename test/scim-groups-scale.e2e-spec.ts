import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GroupsService } from '../src/groups/groups.service';
import { LOCK_LIVE_USERS_SQL, MEMBER_VIEWS_SQL } from '../src/accounts/user-accounts.repository';
import {
  ADD_MEMBERS_SQL,
  MEMBER_IDS_PAGE_SQL,
  REMOVE_MEMBERS_NOT_IN_SQL,
  REMOVE_MEMBERS_SQL,
} from '../src/groups/group-members.repository';
import { createCompany, createProvisioningToken, members, TestCompany } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP_SIZE = 100_000;
/** Members per PATCH while filling the group: about 470 kB of JSON, under the 1 MB body limit. */
const BATCH = 10_000;

type Resource = Record<string, any>;

/** Issue 5, point 6: a group of 100,000 members is read within memory, and changed at the cost of the change. */
describe('SCIM Groups at scale', () => {
  let app: TestApp;
  let company: TestCompany;
  let token: string;
  let database: DataSource;
  let userIds: string[];
  let big: Resource;

  const patchGroup = (id: string, Operations: unknown[]) => scim(app, token).patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations });

  async function memberCount(groupId: string): Promise<number> {
    const response = await app.http.get(`/api/admin/groups/${groupId}/members?limit=1`).set(bearer(company.superAdminKey)).expect(200);
    return response.body.group.memberCount;
  }

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    token = await createProvisioningToken(app, company, 'entra-id');
    database = app.running.app.get(DataSource);
    // Users are seeded in SQL: 100,000 POSTs would only measure user creation.
    const rows: { id: string }[] = await database.query(
      `INSERT INTO user_accounts (company_id, user_name, display_name, state)
       SELECT $1, 'bulk-' || i || '@scale.test', 'Bulk User ' || i, 'provisioned' FROM generate_series(1, $2::int) AS i
       RETURNING id`,
      [company.companyId, GROUP_SIZE + 100],
    );
    userIds = rows.map((row) => row.id);
    await database.query('ANALYZE user_accounts');
    big = (
      await scim(app, token)
        .post('/Groups', { schemas: [GROUP], displayName: 'Everyone', members: [] })
        .expect(201)
    ).body;
    // Filled the way Entra ID does it: PATCH Add with member value lists.
    for (let start = 0; start < GROUP_SIZE; start += BATCH) {
      await patchGroup(big.id, [{ op: 'Add', path: 'members', value: members(userIds.slice(start, start + BATCH)) }]).expect(204);
    }
    await database.query('ANALYZE group_members');
  }, 600_000);
  afterAll(() => app.close());

  it('holds exactly the members added', async () => {
    expect(await memberCount(big.id)).toBe(GROUP_SIZE);
  });

  it('reads the 100,000 members, streamed within memory', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const response = await scim(app, token).get(`/Groups/${big.id}`).expect(200);
    clearInterval(sampler);
    const body = response.body;
    expect(body.members).toHaveLength(GROUP_SIZE);
    expect(body.members[0]).toEqual({
      value: expect.any(String),
      $ref: expect.any(String),
      display: expect.stringMatching(/^Bulk User /),
      type: 'User',
    });
    expect(new Set(body.members.map((member: Resource) => member.value)).size).toBe(GROUP_SIZE);
    // App, test client and (embedded) database share this process: the 17 MB body is parsed here too.
    expect((peak - before) / 2 ** 20).toBeLessThan(400);
  });

  it('does not read the members at all with excludedAttributes=members', async () => {
    const service = app.running.app.get(GroupsService);
    const read = jest.spyOn(service, 'readGroupWithMembers');
    try {
      const bigGroup = await scim(app, token).get(`/Groups/${big.id}?excludedAttributes=members`).expect(200);
      expect(bigGroup.body).toMatchObject({ id: big.id, displayName: 'Everyone' });
      expect(bigGroup.body.members).toBeUndefined();
      const filtered = await scim(app, token)
        .get(
          `/Groups?filter=${encodeURIComponent(`id eq "${big.id}" and members[value eq "${userIds[GROUP_SIZE - 1]}"]`)}&excludedAttributes=members`,
        )
        .expect(200);
      expect(filtered.body.totalResults).toBe(1);
      expect(filtered.body.Resources[0].members).toBeUndefined();
      const listed = await scim(app, token)
        .get(`/Groups?filter=${encodeURIComponent('displayName eq "everyone"')}&excludedAttributes=members`)
        .expect(200);
      expect(listed.body.Resources[0]).toMatchObject({ id: big.id, displayName: 'Everyone' });
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
  });

  // The cost side (O(k) whatever the group's size) is proven by the query plans below and measured by `npm run bench`.
  it('adds and removes a few members of the big group exactly, answering 204 without reading the members', async () => {
    const read = jest.spyOn(app.running.app.get(GroupsService), 'readGroupWithMembers');
    const outsiders = userIds.slice(GROUP_SIZE, GROUP_SIZE + 10);
    try {
      await patchGroup(big.id, [{ op: 'Add', path: 'members', value: members(outsiders) }]).expect(204);
      await patchGroup(big.id, [{ op: 'Remove', path: 'members', value: members(outsiders) }]).expect(204);
      expect(await memberCount(big.id)).toBe(GROUP_SIZE);
      await patchGroup(big.id, [{ op: 'Add', path: 'members', value: members(outsiders) }]).expect(204);
      await patchGroup(big.id, [{ op: 'remove', path: `members[value eq "${userIds[0]}"]` }]).expect(204);
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
    expect(await memberCount(big.id)).toBe(GROUP_SIZE + 10 - 1);
  });

  it('plans membership statements as key lookups, never a scan of the membership', async () => {
    const k = userIds.slice(GROUP_SIZE - 10, GROUP_SIZE);
    const plans: Record<string, string> = {};
    for (const [name, sql, params] of [
      ['lock users', LOCK_LIVE_USERS_SQL, [company.companyId, k]],
      ['add members', ADD_MEMBERS_SQL, [company.companyId, big.id, k]],
      ['remove members', REMOVE_MEMBERS_SQL, [company.companyId, big.id, k]],
      ['member ids page', MEMBER_IDS_PAGE_SQL, [company.companyId, big.id, k[0], 2000]],
      ['member views', MEMBER_VIEWS_SQL, [company.companyId, k]],
      ['replace: remove the others', REMOVE_MEMBERS_NOT_IN_SQL, [company.companyId, big.id, k]],
    ] as const) {
      const rows: { 'QUERY PLAN': string }[] = await database.query(`EXPLAIN ${sql}`, [...params]);
      plans[name] = rows.map((row) => row['QUERY PLAN']).join('\n');
    }
    for (const name of ['lock users', 'add members', 'remove members', 'member ids page', 'member views']) {
      expect(plans[name]).not.toMatch(/Seq Scan on (group_members|user_accounts)/);
    }
    // A full replace must visit every member once, by the group's key range, against a hash of the new set.
    expect(plans['replace: remove the others']).toMatch(/Anti Join/);
  });

  it('plans the membership lookups as key lookups also for a company the statistics do not know yet', async () => {
    // A new tenant's first import: the statistics estimate a single row for the company, so a scan of it looks free.
    const unknownCompany = randomUUID();
    const k = userIds.slice(GROUP_SIZE - 10, GROUP_SIZE);
    for (const [sql, params] of [
      [LOCK_LIVE_USERS_SQL, [unknownCompany, k]],
      [REMOVE_MEMBERS_SQL, [unknownCompany, big.id, k]],
      [MEMBER_VIEWS_SQL, [unknownCompany, k]],
    ] as const) {
      const rows: { 'QUERY PLAN': string }[] = await database.query(`EXPLAIN ${sql}`, [...params]);
      const lines = rows.map((row) => row['QUERY PLAN']);
      expect(lines.join('\n')).not.toMatch(/Seq Scan on (group_members|user_accounts)/);
      lines.forEach((line, index) => {
        if (/Index (Only )?Scan using \S+ on (group_members|user_accounts)/.test(line)) {
          expect(lines[index + 1]).toMatch(/Index Cond: .*\b(user_id|id) = ids\.id/);
        }
      });
    }
  });
});
