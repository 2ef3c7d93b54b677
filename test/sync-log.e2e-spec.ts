import { rmSync } from 'node:fs';
import { GroupsService } from '../src/groups/groups.service';
import { createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
import { freshMigratedDataDir } from './support/embedded-template';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually, waitFor } from './support/wait-for';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

interface Entry {
  id: string;
  provider: string;
  integrationId: string;
  operation: string;
  resourceType: string;
  resourceId: string | null;
  userName: string | null;
  displayName: string | null;
  externalId: string | null;
  status: number;
  outcome: string;
  scimType: string | null;
  detail: string | null;
  requestId: string | null;
  occurredAt: string;
}

interface Page {
  items: Entry[];
  nextCursor: string | null;
}

async function syncLog(app: TestApp, company: TestCompany, query = ''): Promise<Page> {
  return (await app.http.get(`/api/admin/sync-log${query}`).set(bearer(company.superAdminKey)).expect(200)).body;
}

/** Waits until the company's sync log holds `count` entries (they are written in batches). */
async function syncLogWith(app: TestApp, company: TestCompany, count: number): Promise<Entry[]> {
  return eventually(async () => {
    const page = await syncLog(app, company, '?limit=200');
    expect(page.items).toHaveLength(count);
    return page.items;
  });
}

describe('sync log', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('records every SCIM write with operation, resource, status and time; reads and searches are not recorded', async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'okta');
    const idp = scim(app, token);
    const before = Date.now();

    const created = await idp
      .post('/Users')
      .send({ schemas: [USER], userName: uniqueEmail() })
      .expect(201);
    const id: string = created.body.id;
    await idp.get(`/Users/${id}`).expect(200);
    await idp.get('/Users?filter=userName eq "nobody@acme.test"').expect(200);
    await idp
      .post('/Users/.search')
      .send({ schemas: [SEARCH], filter: 'userName pr' })
      .expect(200);
    await idp
      .put(`/Users/${id}`)
      .send({ schemas: [USER], userName: created.body.userName, displayName: 'Replaced' })
      .expect(200);
    await idp
      .patch(`/Users/${id}`)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
      .expect(200);
    const group = await idp
      .post('/Groups')
      .send({ schemas: [GROUP], displayName: `G ${id}`, members: [] })
      .expect(201);
    await idp.delete(`/Users/${id}`).expect(204);

    const entries = await syncLogWith(app, company, 5);
    const integrationId = (await app.http.get('/api/admin/directory-integrations/okta').set(bearer(company.superAdminKey))).body
      .integrationId;
    expect(entries.map((entry) => [entry.operation, entry.resourceType, entry.resourceId, entry.status, entry.outcome])).toEqual([
      ['delete', 'User', id, 204, 'success'],
      ['create', 'Group', group.body.id, 201, 'success'],
      ['patch', 'User', id, 200, 'success'],
      ['replace', 'User', id, 200, 'success'],
      ['create', 'User', id, 201, 'success'],
    ]);
    // A DELETE answers no body: the entry names the (now deleted) user.
    expect(entries[0]).toMatchObject({ operation: 'delete', userName: created.body.userName, displayName: 'Replaced' });
    expect(entries[1]).toMatchObject({ operation: 'create', resourceType: 'Group', displayName: `G ${id}`, userName: null });
    for (const entry of entries) {
      expect(entry).toMatchObject({ provider: 'okta', integrationId, requestId: expect.any(String) });
      expect(Date.parse(entry.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(entry.occurredAt)).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it('records failed writes with the status the provider got', async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'entra-id');
    const idp = scim(app, token);
    const userName = uniqueEmail();
    await idp
      .post('/Users')
      .send({ schemas: [USER], userName })
      .expect(201);
    await idp
      .post('/Users')
      .send({ schemas: [USER], userName })
      .expect(409);
    const missing = '00000000-0000-4000-8000-000000000000';
    await idp.delete(`/Users/${missing}`).expect(404);
    await idp
      .patch(`/Users/${missing}`)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'False' }] })
      .expect(404);
    await idp
      .post('/Groups')
      .send({ schemas: [GROUP] })
      .expect(400);
    // Refused before authentication: not attributable to an integration, so not in its sync log.
    await app.http
      .post('/scim/v2/Users')
      .send({ schemas: [USER], userName: uniqueEmail() })
      .expect(401);

    const entries = await syncLogWith(app, company, 5);
    expect(entries.map((entry) => [entry.operation, entry.resourceType, entry.resourceId, entry.status, entry.outcome])).toEqual([
      ['create', 'Group', null, 400, 'failure'],
      ['patch', 'User', missing, 404, 'failure'],
      ['delete', 'User', missing, 404, 'failure'],
      ['create', 'User', null, 409, 'failure'],
      ['create', 'User', expect.any(String), 201, 'success'],
    ]);
    expect(entries[0]).toMatchObject({ userName: null, displayName: null, externalId: null });
    expect(entries[1]).toMatchObject({ resourceId: missing, userName: null, displayName: null, externalId: null });
    expect(entries[3]).toMatchObject({ userName, scimType: 'uniqueness' });
  });

  it('explains a failed write: the SCIM error answered and whom it was about, from the request when nothing was created', async () => {
    const company = await createCompany(app);
    const idp = scim(app, await createProvisioningToken(app, company, 'okta'));
    const userName = uniqueEmail('dup');
    const created = await idp
      .post('/Users')
      .send({ schemas: [USER], userName, displayName: 'Dana Dup', externalId: 'okta-00u1' })
      .expect(201);
    const duplicate = await idp
      .post('/Users')
      .send({ schemas: [USER], userName: userName.toUpperCase(), displayName: 'Dana Again', externalId: 'okta-00u2' })
      .expect(409);
    const badPatch = await idp
      .patch(`/Users/${created.body.id}`)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'userName' }] })
      .expect(400);
    const groupName = `Sales ${created.body.id}`;
    await idp
      .post('/Groups')
      .send({ schemas: [GROUP], displayName: groupName, externalId: 'grp-1' })
      .expect(201);
    const groupDuplicate = await idp
      .post('/Groups')
      .send({ schemas: [GROUP], displayName: groupName, externalId: 'grp-2' })
      .expect(409);

    const [groupFailure, , patchFailure, userFailure, userSuccess] = await syncLogWith(app, company, 5);
    expect(userSuccess).toMatchObject({
      status: 201,
      outcome: 'success',
      userName,
      displayName: 'Dana Dup',
      externalId: 'okta-00u1',
      scimType: null,
      detail: null,
    });
    expect(userFailure).toMatchObject({
      operation: 'create',
      resourceId: null,
      status: 409,
      outcome: 'failure',
      scimType: 'uniqueness',
      detail: duplicate.body.detail,
      userName: userName.toUpperCase(),
      displayName: 'Dana Again',
      externalId: 'okta-00u2',
    });
    expect(patchFailure).toMatchObject({
      operation: 'patch',
      resourceId: created.body.id,
      status: 400,
      scimType: badPatch.body.scimType,
      detail: badPatch.body.detail,
    });
    expect(patchFailure.scimType).toEqual(expect.any(String));
    // The PATCH body names nobody: the entry names the user it was about as the user is now.
    expect(patchFailure).toMatchObject({ userName, displayName: 'Dana Dup', externalId: 'okta-00u1' });
    expect(groupFailure).toMatchObject({
      resourceType: 'Group',
      resourceId: null,
      status: 409,
      scimType: 'uniqueness',
      detail: groupDuplicate.body.detail,
      userName: null,
      displayName: groupName,
      externalId: 'grp-2',
    });
  });

  it('names a group PATCH answered 204 and a DELETE after the group as written, without reading the group again', async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'entra-id');
    const idp = scim(app, token);
    const user = await createUser(app, token);
    const group = await createGroup(app, token, { externalId: 'grp-204' });
    const lookups = jest.spyOn(app.running.app.get(GroupsService), 'identitiesOf');
    try {
      await idp
        .patch(`/Groups/${group.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: members([user]) }] })
        .expect(204);
      await idp
        .patch(`/Groups/${group.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'displayName', value: `Renamed ${group.id}` }],
        })
        .expect(204);
      await idp.delete(`/Groups/${group.id}`).expect(204);

      const [deleted, renamed, added] = await syncLogWith(app, company, 5);
      expect(added).toMatchObject({
        operation: 'patch',
        resourceType: 'Group',
        resourceId: group.id,
        status: 204,
        userName: null,
        displayName: group.displayName,
        externalId: 'grp-204',
      });
      expect(renamed).toMatchObject({ operation: 'patch', status: 204, displayName: `Renamed ${group.id}`, externalId: 'grp-204' });
      // A deletion is named after the group as it was.
      expect(deleted).toMatchObject({
        operation: 'delete',
        resourceId: group.id,
        status: 204,
        displayName: `Renamed ${group.id}`,
        externalId: 'grp-204',
      });
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });

  it('pages newest first with an opaque cursor, and filters by provider and status', async () => {
    const company = await createCompany(app);
    const okta = scim(app, await createProvisioningToken(app, company, 'okta'));
    const generic = scim(app, await createProvisioningToken(app, company, 'generic'));
    const userName = uniqueEmail();
    for (let i = 0; i < 3; i++) {
      await okta
        .post('/Users')
        .send({ schemas: [USER], userName: uniqueEmail() })
        .expect(201);
    }
    await generic
      .post('/Users')
      .send({ schemas: [USER], userName })
      .expect(201);
    await generic
      .post('/Users')
      .send({ schemas: [USER], userName })
      .expect(409);
    const all = await syncLogWith(app, company, 5);

    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await syncLog(app, company, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect(seen.map((entry) => BigInt(entry.id))).toEqual([...seen.map((entry) => BigInt(entry.id))].sort((a, b) => (a > b ? -1 : 1)));

    expect((await syncLog(app, company, '?provider=okta')).items.map((entry) => entry.provider)).toEqual(['okta', 'okta', 'okta']);
    expect((await syncLog(app, company, '?provider=generic&status=success')).items).toHaveLength(1);
    expect((await syncLog(app, company, '?status=failure')).items.map((entry) => entry.status)).toEqual([409]);
    expect((await syncLog(app, company, '?status=409')).items).toHaveLength(1);
    expect((await syncLog(app, company, '?status=201')).items).toHaveLength(4);
    expect((await syncLog(app, company, '?provider=jumpcloud')).items).toEqual([]);
    expect((await syncLog(app, company, '?provider=Okta')).items).toHaveLength(3);
    expect((await syncLog(app, company, '?outcome=failure')).items.map((entry) => entry.status)).toEqual([409]);
    expect((await syncLog(app, company, '?outcome=SUCCESS&provider=generic')).items).toHaveLength(1);
    expect((await syncLog(app, company, '?outcome=success&status=409')).items).toEqual([]);
    expect((await syncLog(app, company, '?outcome=failure&status=success')).items).toEqual([]);
  });

  it('counts writes and failures per hour over the last 7 days, per tab, and opens an hour’s entries by time', async () => {
    const company = await createCompany(app);
    const okta = scim(app, await createProvisioningToken(app, company, 'okta'));
    const generic = scim(app, await createProvisioningToken(app, company, 'generic'));
    const userName = uniqueEmail();
    await okta
      .post('/Users')
      .send({ schemas: [USER], userName })
      .expect(201);
    await okta
      .post('/Users')
      .send({ schemas: [USER], userName })
      .expect(409);
    await generic
      .post('/Bulk')
      .send({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: uniqueEmail() } }],
      })
      .expect(200);
    const entries = await syncLogWith(app, company, 4);
    const activity = async (query = '') =>
      (await app.http.get(`/api/admin/sync-log/activity${query}`).set(bearer(company.superAdminKey)).expect(200)).body;

    const all = await activity();
    const failed = entries.find((entry) => entry.status === 409)!;
    const hour = new Date(Math.floor(Date.parse(failed.occurredAt) / 3_600_000) * 3_600_000);
    expect(Date.parse(all.until) - Date.parse(all.since)).toBe(7 * 24 * 3_600_000);
    expect(Date.parse(all.since)).toBeLessThanOrEqual(Date.now() - 7 * 24 * 3_600_000 + 3_600_000);
    expect(all.hours.reduce((sum: number, entry: any) => sum + entry.writes, 0)).toBe(3);
    expect(all.hours.reduce((sum: number, entry: any) => sum + entry.failures, 0)).toBe(1);
    expect(all.hours.map((entry: any) => entry.hour)).toContain(hour.toISOString());
    const oktaOnly = await activity('?provider=OKTA');
    expect(oktaOnly.hours.reduce((sum: number, entry: any) => sum + entry.writes, 0)).toBe(2);
    expect((await activity('?provider=jumpcloud')).hours).toEqual([]);
    await app.http.get('/api/admin/sync-log/activity?provider=myspace').set(bearer(company.superAdminKey)).expect(400);
    expect((await activity()).hours).toEqual(all.hours);
    const other = await createCompany(app);
    expect((await app.http.get('/api/admin/sync-log/activity').set(bearer(other.superAdminKey)).expect(200)).body.hours).toEqual([]);

    const since = hour.toISOString();
    const until = new Date(hour.getTime() + 3_600_000).toISOString();
    const inHour = (await syncLog(app, company, `?since=${since}&until=${until}&outcome=failure`)).items;
    expect(inHour.map((entry) => entry.status)).toEqual([409]);
    expect((await syncLog(app, company, `?until=${since}`)).items).toEqual([]);
    expect((await syncLog(app, company, `?since=${until}`)).items).toEqual([]);
    await app.http.get('/api/admin/sync-log?since=yesterday').set(bearer(company.superAdminKey)).expect(400);
  });

  it('rejects malformed filters and cursors with 400, listing the valid values of an unknown one', async () => {
    const company = await createCompany(app);
    for (const query of [
      '?status=ok',
      '?status=2000',
      '?provider=myspace',
      '?outcome=failed',
      '?limit=0',
      '?limit=201',
      '?cursor=bm9wZQ',
      '?cursor=%%%',
    ]) {
      await app.http.get(`/api/admin/sync-log${query}`).set(bearer(company.superAdminKey)).expect(400);
    }
    const provider = await app.http.get('/api/admin/sync-log?provider=azure-ad').set(bearer(company.superAdminKey)).expect(400);
    expect(JSON.stringify(provider.body)).toContain(
      "unknown provider 'azure-ad'; valid: okta, entra-id, onelogin, pingone, google-workspace, jumpcloud, generic",
    );
    const outcome = await app.http.get('/api/admin/sync-log?outcome=failed').set(bearer(company.superAdminKey)).expect(400);
    expect(JSON.stringify(outcome.body)).toContain("unknown outcome 'failed'; valid: success, failure");
    const status = await app.http.get('/api/admin/sync-log?status=ok').set(bearer(company.superAdminKey)).expect(400);
    expect(JSON.stringify(status.body)).toContain("unknown status 'ok'; valid: success, failure");
  });

  it('shows an admin only their own company’s entries', async () => {
    const acme = await createCompany(app, 'Acme');
    const globex = await createCompany(app, 'Globex');
    const acmeToken = await createProvisioningToken(app, acme, 'okta');
    await createProvisioningToken(app, globex, 'okta');
    await scim(app, acmeToken)
      .post('/Users')
      .send({ schemas: [USER], userName: uniqueEmail() })
      .expect(201);
    await syncLogWith(app, acme, 1);
    expect((await syncLog(app, globex)).items).toEqual([]);
    expect((await syncLog(app, globex, '?provider=okta')).items).toEqual([]);
    // Another company's cursor reveals nothing either.
    const cursor = Buffer.from(`sl1:${(await syncLog(app, acme)).items[0].id}`).toString('base64url');
    expect((await syncLog(app, globex, `?cursor=${cursor}`)).items).toEqual([]);
  });
});

describe('sync log on shutdown', () => {
  let dataDir: string | undefined;

  beforeEach(async () => {
    dataDir = usesEmbeddedDatabase ? await freshMigratedDataDir('dps-sync-log-') : undefined;
  });
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the buffered entries, including those of requests still running when the app closes', async () => {
    const IN_FLIGHT = 5;
    const first = await startTestApp({ dataDir, keepDataDir: true });
    const company = await createCompany(first);
    const token = await createProvisioningToken(first, company, 'generic');
    const idp = scim(first, token);
    // Acknowledged before the close began: still in the buffer, since batches wait up to 200 ms.
    await idp
      .post('/Users')
      .send({ schemas: [USER], userName: uniqueEmail() })
      .expect(201);
    // In flight while the app closes: the HTTP server lets them finish before the database closes.
    let received = 0;
    first.running.app.getHttpServer().on('request', () => received++);
    const inFlight = Array.from({ length: IN_FLIGHT }, () =>
      idp
        .post('/Users')
        .send({ schemas: [USER], userName: uniqueEmail() })
        .then((response) => response.status)
        .catch(() => 0),
    );
    await waitFor('the requests to reach the server', () => received === IN_FLIGHT);
    await first.close();
    const acknowledged = 1 + (await Promise.all(inFlight)).filter((status) => status === 201).length;
    expect(acknowledged).toBe(1 + IN_FLIGHT);

    const second = await startTestApp({ dataDir, keepDataDir: true });
    try {
      const entries = (await syncLog(second, company, '?limit=200')).items;
      expect(entries.filter((entry) => entry.status === 201)).toHaveLength(acknowledged);
    } finally {
      await second.close();
    }
  });
});
