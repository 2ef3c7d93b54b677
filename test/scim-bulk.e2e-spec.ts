import { createCompany, createProvisioningToken, TestCompany, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const MAX_OPERATIONS = 20;
const MAX_PAYLOAD = 1024 * 1024 + 4096;

interface OperationResponse {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: { schemas: string[]; status: string; scimType?: string; detail: string };
}

type Operation = Record<string, unknown>;

describe('SCIM Bulk', () => {
  let app: TestApp;
  let company: TestCompany;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    app = await startTestApp({
      env: { SCIM_BULK_MAX_OPERATIONS: String(MAX_OPERATIONS), SCIM_BULK_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD) },
    });
    company = await createCompany(app);
    token = await createProvisioningToken(app, company, 'okta');
    otherToken = await createProvisioningToken(app, await createCompany(app, 'Globex'), 'okta');
  });
  afterAll(() => app.close());

  const bulkRaw = (body: unknown, as = token) => scim(app, as).post('/Bulk', body);

  async function bulk(operations: Operation[], extra: Record<string, unknown> = {}, as = token): Promise<OperationResponse[]> {
    const response = await bulkRaw({ schemas: [BULK_REQUEST], Operations: operations, ...extra }, as)
      .expect(200)
      .expect('content-type', /application\/scim\+json/);
    expect(response.body.schemas).toEqual([BULK_RESPONSE]);
    return response.body.Operations;
  }

  const get = (location: string, as = token) => app.http.get(new URL(location).pathname).set(bearer(as));
  const createUserOp = (bulkId: string, userName = uniqueEmail(bulkId), extra: Record<string, unknown> = {}): Operation => ({
    method: 'POST',
    path: '/Users',
    bulkId,
    data: { schemas: [USER], userName, ...extra },
  });

  it('publishes bulk support and its limits in ServiceProviderConfig', async () => {
    const config = await scim(app, token).get('/ServiceProviderConfig').expect(200);
    expect(config.body.bulk).toEqual({ supported: true, maxOperations: MAX_OPERATIONS, maxPayloadSize: MAX_PAYLOAD });
  });

  it('runs POST, PUT, PATCH and DELETE of users and groups, with locations, versions and statuses', async () => {
    const userName = uniqueEmail('every');
    const created = await bulk([
      createUserOp('u1', userName, { displayName: 'First' }),
      { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP], displayName: `Every ${userName}` } },
    ]);
    expect(created).toEqual([
      {
        method: 'POST',
        bulkId: 'u1',
        location: expect.stringMatching(/\/scim\/v2\/Users\/[0-9a-f-]{36}$/),
        version: 'W/"1"',
        status: '201',
      },
      {
        method: 'POST',
        bulkId: 'g1',
        location: expect.stringMatching(/\/scim\/v2\/Groups\/[0-9a-f-]{36}$/),
        version: 'W/"1"',
        status: '201',
      },
    ]);
    const userPath = new URL(created[0].location!).pathname.replace('/scim/v2', '');
    const groupPath = new URL(created[1].location!).pathname.replace('/scim/v2', '');

    const changed = await bulk([
      { method: 'PUT', path: userPath, version: 'W/"1"', data: { schemas: [USER], userName, displayName: 'Replaced' } },
      {
        method: 'PATCH',
        path: userPath,
        data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }] },
      },
      {
        method: 'PATCH',
        path: groupPath,
        data: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: userPath.split('/')[2] }] }] },
      },
      { method: 'PUT', path: groupPath, data: { schemas: [GROUP], displayName: `Renamed ${userName}`, members: [] } },
    ]);
    expect(changed.map(({ method, status, version, location }) => [method, status, version, location])).toEqual([
      ['PUT', '200', 'W/"2"', created[0].location],
      ['PATCH', '200', 'W/"3"', created[0].location],
      ['PATCH', '200', 'W/"2"', created[1].location],
      ['PUT', '200', 'W/"3"', created[1].location],
    ]);
    const user = await get(created[0].location!).expect(200);
    expect(user.body).toMatchObject({ displayName: 'Replaced', title: 'Engineer' });
    expect((await get(created[1].location!).expect(200)).body).toMatchObject({ displayName: `Renamed ${userName}` });

    const deleted = await bulk([
      { method: 'DELETE', path: groupPath },
      { method: 'DELETE', path: userPath, version: 'W/"3"' },
    ]);
    expect(deleted).toEqual([
      { method: 'DELETE', location: created[1].location, status: '204' },
      { method: 'DELETE', location: created[0].location, status: '204' },
    ]);
    await get(created[0].location!).expect(404);
    await get(created[1].location!).expect(404);
  });

  it('resolves bulkId references in any order: a group whose members are users created later in the request', async () => {
    const results = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'team',
        data: { schemas: [GROUP], displayName: `Team ${uniqueEmail()}`, members: [{ value: 'bulkId:alice' }, { value: 'bulkId:bob' }] },
      },
      {
        method: 'PATCH',
        path: '/Users/bulkId:bob',
        data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Bob, patched' }] },
      },
      createUserOp('alice'),
      createUserOp('bob', uniqueEmail('bob'), { [ENTERPRISE]: { manager: { value: 'bulkId:alice' } }, schemas: [USER, ENTERPRISE] }),
    ]);
    expect(results.map(({ method, bulkId, status }) => [method, bulkId, status])).toEqual([
      ['POST', 'team', '201'],
      ['PATCH', undefined, '200'],
      ['POST', 'alice', '201'],
      ['POST', 'bob', '201'],
    ]);
    const [alice, bob] = [results[2].location!, results[3].location!];
    const aliceId = alice.split('/').pop();
    const bobId = bob.split('/').pop();
    expect(results[1].location).toBe(bob);
    const group = await get(results[0].location!).expect(200);
    expect(group.body.members.map((member: { value: string }) => member.value).sort()).toEqual([aliceId, bobId].sort());
    const bobUser = await get(bob).expect(200);
    expect(bobUser.body.displayName).toBe('Bob, patched');
    expect(bobUser.body[ENTERPRISE].manager.value).toBe(aliceId);
  });

  it('resolves a circular reference (RFC 7644 §3.7.1) by creating one resource first and adding the reference after', async () => {
    const results = await bulk([
      // Waits for the cycle below without being part of it.
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'pair',
        data: { schemas: [GROUP], displayName: `Pair ${uniqueEmail()}`, members: [{ value: 'bulkId:ann' }] },
      },
      createUserOp('ann', uniqueEmail('ann'), {
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { manager: { value: 'bulkId:ben' }, department: 'R&D' },
      }),
      createUserOp('ben', uniqueEmail('ben'), { schemas: [USER, ENTERPRISE], [ENTERPRISE]: { manager: { value: 'bulkId:ann' } } }),
    ]);
    expect(results.map(({ status }) => status)).toEqual(['201', '201', '201']);
    const pair = await get(results[0].location!).expect(200);
    const [ann, ben] = await Promise.all(results.slice(1).map(({ location }) => get(location!).expect(200)));
    expect(pair.body.members).toEqual([expect.objectContaining({ value: ann.body.id })]);
    // The group was created whole, in one step.
    expect(results[0].version).toBe('W/"1"');
    expect(ann.body[ENTERPRISE]).toMatchObject({ manager: { value: ben.body.id }, department: 'R&D' });
    expect(ben.body[ENTERPRISE].manager.value).toBe(ann.body.id);
    // The version reported is the one after the reference was added.
    expect(results[1].version).toBe(ann.headers.etag);
    expect(results[1].version).toBe('W/"2"');
  });

  it('answers a cycle that cannot be resolved with a clear error per operation, without hanging', async () => {
    const name = uniqueEmail('cycle');
    const results = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'a',
        data: { schemas: [GROUP], displayName: `A ${name}`, members: [{ value: 'bulkId:b' }] },
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'b',
        data: { schemas: [GROUP], displayName: `B ${name}`, members: [{ value: 'bulkId:a' }] },
      },
    ]);
    // Groups have only users as members: B cannot have A, so A cannot get B either.
    expect(results[1]).toMatchObject({
      method: 'POST',
      bulkId: 'b',
      status: '400',
      response: { schemas: [ERROR], status: '400', scimType: 'invalidValue' },
    });
    expect(results[1].location).toBeUndefined();
    expect(results[0]).toMatchObject({ method: 'POST', bulkId: 'a', status: '409', location: expect.stringContaining('/Groups/') });
    expect(results[0].response!.detail).toMatch(/Created without members.*bulkId:b cannot be resolved/);
  });

  it('fails an operation that refers to an unknown bulkId or to a failed POST', async () => {
    const taken = uniqueEmail('taken');
    await bulk([createUserOp('first', taken)]);
    const results = await bulk([
      createUserOp('dup', taken),
      {
        method: 'PATCH',
        path: '/Users/bulkId:dup',
        data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      },
      {
        method: 'PATCH',
        path: '/Users/bulkId:nowhere',
        data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      },
    ]);
    expect(results[0]).toMatchObject({ status: '409', response: { status: '409', scimType: 'uniqueness' } });
    expect(results[0].response!.detail).toContain(taken);
    expect(results[1]).toMatchObject({ status: '409', response: { detail: expect.stringContaining('bulkId:dup cannot be resolved') } });
    expect(results[2]).toMatchObject({
      status: '400',
      response: { scimType: 'invalidValue', detail: expect.stringContaining('bulkId:nowhere') },
    });
  });

  it('answers per-operation errors as SCIM error bodies and runs the other operations', async () => {
    const taken = uniqueEmail('unique');
    const results = await bulk([
      createUserOp('one', taken),
      createUserOp('two', taken.toUpperCase()),
      createUserOp('three'),
      { method: 'POST', path: '/Users', bulkId: 'four', data: { schemas: [USER] } },
      { method: 'PATCH', path: '/Users/not-a-user', data: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'title' }] } },
      { method: 'GET', path: '/Users' },
      { method: 'POST', path: '/Widgets', bulkId: 'five', data: {} },
      { method: 'POST', path: '/Users', data: { schemas: [USER], userName: uniqueEmail() } },
      // Too long for its column: the database refuses it, and only it.
      createUserOp('long', `${'x'.repeat(400)}@acme.test`),
      createUserOp('after'),
    ]);
    expect(results.map(({ status, response }) => [status, response?.scimType])).toEqual([
      ['201', undefined],
      ['409', 'uniqueness'],
      ['201', undefined],
      ['400', 'invalidValue'],
      ['404', undefined],
      ['400', 'invalidSyntax'],
      ['404', undefined],
      ['400', 'invalidSyntax'],
      ['400', 'invalidValue'],
      ['201', undefined],
    ]);
    for (const { response } of results.filter(({ response }) => response)) {
      expect(response).toEqual({
        schemas: [ERROR],
        status: expect.any(String),
        ...(response!.scimType ? { scimType: response!.scimType } : {}),
        detail: expect.any(String),
      });
    }
    expect(results[1].location).toBeUndefined();
    expect(results[4].location).toMatch(/\/Users\/not-a-user$/);
    expect(results[5].method).toBe('GET');
  });

  it("checks each operation's version like If-Match: a stale one is 412", async () => {
    const [created] = await bulk([createUserOp('v')]);
    const path = new URL(created.location!).pathname.replace('/scim/v2', '');
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'T' }] };
    const results = await bulk([
      { method: 'PATCH', path, version: 'W/"1"', data: patch },
      { method: 'PATCH', path, version: 'W/"1"', data: patch },
      { method: 'DELETE', path, version: '"7"' },
    ]);
    expect(results.map(({ status, version }) => [status, version])).toEqual([
      ['200', 'W/"2"'],
      ['412', undefined],
      ['412', undefined],
    ]);
    await get(created.location!).expect(200);
  });

  it('stops after failOnErrors errors and answers only the operations it ran', async () => {
    const taken = uniqueEmail('fail');
    const kept = uniqueEmail('kept');
    const notRun = uniqueEmail('notrun');
    const results = await bulk(
      [createUserOp('a', taken), createUserOp('b', taken), createUserOp('c', kept), createUserOp('d', taken), createUserOp('e', notRun)],
      { failOnErrors: 2 },
    );
    expect(results.map(({ bulkId, status }) => [bulkId, status])).toEqual([
      ['a', '201'],
      ['b', '409'],
      ['c', '201'],
      ['d', '409'],
    ]);
    const found = await scim(app, token).get(`/Users?filter=userName eq "${notRun}"`).expect(200);
    expect(found.body.totalResults).toBe(0);
  });

  it('answers 413 with a SCIM error beyond maxOperations and beyond maxPayloadSize, and 400 for a malformed request', async () => {
    const tooMany = await bulkRaw({
      schemas: [BULK_REQUEST],
      Operations: Array.from({ length: MAX_OPERATIONS + 1 }, (_, index) => createUserOp(`op${index}`)),
    }).expect(413);
    expect(tooMany.body).toMatchObject({
      schemas: [ERROR],
      status: '413',
      detail: expect.stringContaining(`maxOperations is ${MAX_OPERATIONS}`),
    });

    // Above the 1 MB of other SCIM requests but within maxPayloadSize: accepted.
    const large = 'x'.repeat(1024 * 1024 + 1024);
    const [accepted] = await bulk([createUserOp('large', uniqueEmail('large'), { nickName: large.slice(0, 2000), title: large })]);
    expect(accepted.status).toBe('201');
    const tooBig = await bulkRaw({
      schemas: [BULK_REQUEST],
      Operations: [createUserOp('big', uniqueEmail(), { title: 'x'.repeat(MAX_PAYLOAD) })],
    }).expect(413);
    expect(tooBig.body).toMatchObject({ schemas: [ERROR], status: '413', detail: expect.stringContaining(`${MAX_PAYLOAD} bytes`) });

    const noSchema = await bulkRaw({ Operations: [createUserOp('x')] }).expect(400);
    expect(noSchema.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const duplicate = await bulkRaw({ schemas: [BULK_REQUEST], Operations: [createUserOp('same'), createUserOp('same')] }).expect(400);
    expect(duplicate.body.detail).toContain('bulkId "same"');
    await bulkRaw({ schemas: [BULK_REQUEST], Operations: [createUserOp('x')], failOnErrors: 0 }).expect(400);
  });

  it('needs the provisioning token', async () => {
    const response = await app.http
      .post('/scim/v2/Bulk')
      .send({ schemas: [BULK_REQUEST], Operations: [createUserOp('x')] })
      .expect(401);
    expect(response.body).toMatchObject({ schemas: [ERROR], status: '401' });
  });

  it("keeps companies apart: another company's ids are 404 in an operation and stay unchanged", async () => {
    const [theirs] = await bulk([createUserOp('theirs')], {}, otherToken);
    const [theirGroup] = await bulk(
      [{ method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: `Theirs ${uniqueEmail()}` } }],
      {},
      otherToken,
    );
    const userPath = new URL(theirs.location!).pathname.replace('/scim/v2', '');
    const groupPath = new URL(theirGroup.location!).pathname.replace('/scim/v2', '');
    const [mine] = await bulk([createUserOp('mine')]);
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Hijacked' }] };
    const results = await bulk([
      { method: 'PATCH', path: userPath, data: patch },
      { method: 'PUT', path: userPath, data: { schemas: [USER], userName: uniqueEmail() } },
      { method: 'DELETE', path: userPath },
      { method: 'PATCH', path: groupPath, data: patch },
      { method: 'DELETE', path: groupPath },
      // Their user as a member of a group of mine is no user of mine either.
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'mixed',
        data: {
          schemas: [GROUP],
          displayName: `Mixed ${uniqueEmail()}`,
          members: [{ value: userPath.split('/')[2] }, { value: mine.location!.split('/').pop() }],
        },
      },
    ]);
    expect(results.map(({ status }) => status)).toEqual(['404', '404', '404', '404', '404', '400']);
    const user = await get(theirs.location!, otherToken).expect(200);
    expect(user.body.displayName).toBeUndefined();
    await get(theirGroup.location!, otherToken).expect(200);
  });

  it('records each operation in the sync log like a single write, besides the Bulk request itself', async () => {
    const own = await createCompany(app, 'Logged');
    const ownToken = await createProvisioningToken(app, own, 'generic');
    const userName = uniqueEmail('logged');
    const results = await bulk(
      [
        createUserOp('u', userName),
        createUserOp('bad', 'not unique', { userName: 42, externalId: 'ext-bad' }),
        {
          method: 'PATCH',
          path: '/Users/bulkId:u',
          data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'T' }] },
        },
        { method: 'DELETE', path: '/Users/bulkId:u' },
      ],
      {},
      ownToken,
    );
    const id = results[0].location!.split('/').pop();
    const entries = await eventually(async () => {
      const page = await app.http.get('/api/admin/sync-log?limit=200').set(bearer(own.superAdminKey)).expect(200);
      expect(page.body.items).toHaveLength(5);
      return page.body.items as { operation: string; resourceType: string; resourceId: string | null; status: number }[];
    });
    expect(
      entries.map(({ operation, resourceType, resourceId, status }) => [operation, resourceType, resourceId, status]).reverse(),
    ).toEqual([
      ['create', 'User', id, 201],
      ['create', 'User', null, 400],
      ['patch', 'User', id, 200],
      ['delete', 'User', id, 204],
      ['bulk', 'Bulk', null, 200],
    ]);
    const [created, refused] = entries.slice().reverse() as unknown as Record<string, unknown>[];
    expect(created).toMatchObject({ userName, scimType: null, detail: null });
    expect(refused).toMatchObject({
      externalId: 'ext-bad',
      scimType: results[1].response!.scimType,
      detail: results[1].response!.detail,
    });
    expect(refused.detail).toEqual(expect.any(String));
  });
});
