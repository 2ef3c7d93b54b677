import { randomUUID } from 'node:crypto';
import { createCompany, createGroup, createProvisioningToken, createUser, members } from './support/factories';
import { scim, ScimClient, ScimResource } from './support/scim-client';
import { StatementLog, statementLog } from './support/statement-log';
import { startTestApp, TestApp } from './support/test-app';

/** Statements about users and their groups; the request's bookkeeping (last sync time, token) is on other tables. */
const DIRECTORY_TABLES = /\b(user_accounts|groups|group_members)\b/;

/** The lookup an identity provider sends before each write to a user, pinned to the statements it costs. */
describe('SCIM user lookups', () => {
  let app: TestApp;
  let idp: ScimClient;
  let log: StatementLog;
  let user: ScimResource;

  beforeAll(async () => {
    app = await startTestApp();
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'entra-id');
    idp = scim(app, token);
    log = statementLog(app);
    user = await createUser(app, token, { externalId: `ext-${randomUUID()}` });
    await createGroup(app, token, { members: members([user]) });
    await createGroup(app, token, { members: members([user]) });
  });
  afterAll(() => app.close());

  async function statementsOf(query: string): Promise<string[]> {
    const sent = await log.during(async () => {
      const found = await idp.get(`/Users?${query}`).expect(200);
      expect(found.body.Resources.map((resource: ScimResource) => resource.id)).toEqual([user.id]);
    });
    return sent.filter((sql) => DIRECTORY_TABLES.test(sql));
  }

  it.each([
    ['userName', () => `userName eq "${user.userName.toUpperCase()}"`],
    ['externalId', () => `externalId eq "${user.externalId}"`],
  ])('finds a user by %s in one statement, page and total together', async (_attribute, filter) => {
    const sent = await statementsOf(`filter=${encodeURIComponent(filter())}&excludedAttributes=groups`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/\bFROM user_accounts\b/);
  });

  it('reads the groups it returns by default in one more statement, however many there are', async () => {
    const sent = await statementsOf(`filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/\bFROM user_accounts\b/);
    expect(sent[1]).toMatch(/\bFROM group_members\b/);
  });

  it('answers a lookup that finds nobody, the one before every create, in one statement', async () => {
    const sent = await log.during(async () => {
      const found = await idp.get(`/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`).expect(200);
      expect(found.body).toMatchObject({ totalResults: 0, Resources: [] });
    });
    expect(sent.filter((sql) => DIRECTORY_TABLES.test(sql))).toHaveLength(1);
  });
});

/** Statements that change the directory or append to the outbox. */
const DIRECTORY_WRITE = /^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(user_accounts|groups|group_members|change_events)\b/i;

/** A provider's PATCH pays for ownership only when it meets a user another source manages, and then writes nothing. */
describe('SCIM PATCH statements by the managing provider and by another', () => {
  let app: TestApp;
  let ownerToken: string;
  let owner: ScimClient;
  let other: ScimClient;
  let log: StatementLog;

  beforeAll(async () => {
    app = await startTestApp();
    const company = await createCompany(app);
    ownerToken = await createProvisioningToken(app, company, 'entra-id');
    owner = scim(app, ownerToken);
    other = scim(app, await createProvisioningToken(app, company, 'okta'));
    log = statementLog(app);
  });
  afterAll(() => app.close());

  const deactivate = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'active', value: false }],
  };

  it('applies the managing provider’s PATCH with one user update and its event, and no ownership query', async () => {
    const user = await createUser(app, ownerToken);
    const sent = await log.during(async () => {
      const patched = await owner.patch(`/Users/${user.id}`, deactivate).expect(200);
      expect(patched.body.active).toBe(false);
    });
    const writes = sent.filter((sql) => DIRECTORY_WRITE.test(sql));
    expect(writes.filter((sql) => /^\s*UPDATE\s+"?user_accounts\b/i.test(sql))).toHaveLength(1);
    expect(writes.some((sql) => /INTO\s+"?change_events\b/i.test(sql))).toBe(true);
    expect(sent.filter((sql) => /\bdirectory_integrations\b/.test(sql) && /adopt/i.test(sql))).toEqual([]);
  });

  it('answers another provider’s PATCH with the user as it is and writes nothing to the directory or the outbox', async () => {
    const user = await createUser(app, ownerToken);
    const sent = await log.during(async () => {
      const answered = await other.patch(`/Users/${user.id}`, deactivate).expect(200);
      expect(answered.body.active).toBe(true);
    });
    expect(sent.filter((sql) => DIRECTORY_WRITE.test(sql))).toEqual([]);
    const read = await owner.get(`/Users/${user.id}`).expect(200);
    expect(read.body.active).toBe(true);
  });
});
