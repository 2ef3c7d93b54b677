import fc from 'fast-check';
import { createCompany, createProvisioningToken, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const RUNS = 120;

/** Pieces that make generated input look like what providers and attackers send. */
const attributeNames = fc.constantFrom(
  'userName',
  'USERNAME',
  'externalId',
  'displayName',
  'active',
  'emails',
  'emails.value',
  'name.givenName',
  'meta.lastModified',
  'meta.created',
  'groups',
  'id',
  'title',
  `${ENTERPRISE}:department`,
  `${ENTERPRISE}:manager.value`,
  'nope',
  'name',
  'emails[type eq "work"].value',
  'addresses[type eq "work"]',
  'x.y.z',
  '$ref',
  "a'b",
  '"',
);
const operators = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'EQ', 'xx', '');
const values = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '"a@b.c"',
    'true',
    'False',
    'null',
    '42',
    '-1.5e3',
    '"2026-01-01T00:00:00Z"',
    "'x' OR 1=1 --",
    '"\\u0000"',
    '"\\"',
    '\u{1F600}',
  ),
  fc.json(),
);
const filterText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.tuple(attributeNames, operators, values).map(([attribute, operator, value]) => `${attribute} ${operator} ${value}`),
  fc
    .array(fc.tuple(attributeNames, operators, values, fc.constantFrom(' and ', ' or ', ' and not (', ')', '[', ']', '(')), {
      maxLength: 6,
    })
    .map((parts) => parts.map((part) => part.join(' ')).join('')),
  fc.nat({ max: 60 }).map((depth) => `${'('.repeat(depth)}userName eq "a"${')'.repeat(depth)}`),
);
const patchValue = fc.oneof(
  fc.json().map((text) => JSON.parse(text) as unknown),
  values,
  fc.dictionary(attributeNames, values),
);
const patchOperation = fc.record(
  {
    op: fc.oneof(fc.constantFrom('add', 'Replace', 'remove', 'REMOVE', 'copy', ''), fc.anything()),
    path: fc.oneof(attributeNames, fc.string(), fc.anything()),
    value: patchValue,
  },
  { requiredKeys: [] },
);
const patchBody = fc.oneof(
  fc.record({ schemas: fc.constant([PATCH_OP]), Operations: fc.array(patchOperation, { maxLength: 5 }) }),
  fc.record({ schemas: fc.anything(), Operations: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);
const userBody = fc.oneof(
  fc.record(
    {
      schemas: fc.oneof(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']), fc.anything()),
      userName: fc.oneof(fc.emailAddress(), fc.string(), fc.anything()),
      name: fc.oneof(fc.record({ givenName: fc.anything(), familyName: fc.string() }), fc.anything()),
      emails: fc.oneof(fc.array(fc.record({ value: fc.anything(), type: fc.string(), primary: fc.anything() })), fc.anything()),
      active: fc.anything(),
      externalId: fc.anything(),
      [ENTERPRISE]: fc.anything(),
      password: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

describe('hostile input never yields a 500 and changes nothing when rejected', () => {
  let app: TestApp;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    app = await startTestApp();
    token = await createProvisioningToken(app, await createCompany(app), 'generic');
    const created = await scim(app, token)
      .post('/Users')
      .send({ userName: uniqueEmail('target') })
      .expect(201);
    userId = created.body.id;
  });
  afterAll(() => app.close());

  function expectScimError(response: { status: number; body: Record<string, unknown> }): void {
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.body.schemas).toEqual([ERROR]);
      expect(response.body.status).toBe(String(response.status));
    }
  }

  async function currentUser(): Promise<Record<string, unknown>> {
    return (await scim(app, token).get(`/Users/${userId}`).expect(200)).body;
  }

  it('filters: 200 or 400 invalidFilter', async () => {
    await fc.assert(
      fc.asyncProperty(filterText, async (filter) => {
        const response = await scim(app, token).get('/Users').query({ filter, count: 5 });
        expect([200, 400]).toContain(response.status);
        expectScimError(response);
        if (response.status === 400) expect(['invalidFilter', 'invalidValue']).toContain(response.body.scimType);
      }),
      { numRuns: RUNS },
    );
  });

  it('PATCH bodies: applied whole or rejected with the resource unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(patchBody, async (body) => {
        const before = await currentUser();
        const response = await scim(app, token)
          .patch(`/Users/${userId}`)
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify(body) ?? 'null');
        expectScimError(response);
        if (response.status >= 400) expect(await currentUser()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('resource bodies: created, or rejected without creating anything', async () => {
    await fc.assert(
      fc.asyncProperty(userBody, async (body) => {
        const countBefore = (await scim(app, token).get('/Users?count=0')).body.totalResults;
        const response = await scim(app, token)
          .post('/Users')
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify(body) ?? 'null');
        expectScimError(response);
        const countAfter = (await scim(app, token).get('/Users?count=0')).body.totalResults;
        expect(countAfter).toBe(countBefore + (response.status === 201 ? 1 : 0));
      }),
      { numRuns: RUNS },
    );
  });

  it('ids and headers: 4xx with a SCIM error, never a 500', async () => {
    const headerValue = fc.oneof(fc.string({ maxLength: 100 }), fc.constantFrom('*', 'W/"1"', '"abc"', 'W/"99999999999999999999"', 'W/'));
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), headerValue, headerValue, async (id, ifMatch, contentType) => {
        const path = `/scim/v2/Users/${encodeURIComponent(id)}`;
        for (const request of [
          app.http
            .get(path)
            .set(bearer(token))
            .set('If-None-Match', ifMatch.replace(/[^\x20-\x7e]/g, '')),
          app.http
            .delete(path)
            .set(bearer(token))
            .set('If-Match', ifMatch.replace(/[^\x20-\x7e]/g, '')),
          app.http
            .put(path)
            .set(bearer(token))
            .set('Content-Type', contentType.replace(/[^\x20-\x7e]/g, '') || 'text/plain')
            .send('{"userName":"x@y.z"}'),
        ]) {
          expectScimError(await request);
        }
      }),
      { numRuns: 60 },
    );
    const user = await currentUser();
    expect(user.id).toBe(userId);
  });

  it('tokens: garbage credentials get 401 with a SCIM body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (garbage) => {
        const printable = garbage.replace(/[^\x20-\x7e]/g, '');
        const response = await app.http.get('/scim/v2/Users').set('Authorization', `Bearer ${printable}`);
        expect(response.status).toBe(401);
        expect(response.body.schemas).toEqual([ERROR]);
      }),
      { numRuns: 60 },
    );
  });

  it('bounds: deeply nested JSON, huge filters and too many operations get 4xx', async () => {
    const nested = '['.repeat(5000) + ']'.repeat(5000);
    const deep = await scim(app, token).post('/Users').set('Content-Type', 'application/scim+json').send(nested);
    expectScimError(deep);
    expect(deep.status).toBe(400);

    for (const body of [
      { userName: 'a\u0000b@acme.test' },
      { userName: uniqueEmail(), title: 'a\u0000' },
      { userName: uniqueEmail(), ['n\u0000']: 1 },
    ]) {
      const nul = await scim(app, token).post('/Users').send(body);
      expectScimError(nul);
      expect(nul.status).toBe(400);
    }

    for (const body of [{ userName: `${'a'.repeat(400)}@acme.test` }, { userName: uniqueEmail(), externalId: 'e'.repeat(600) }]) {
      const tooLong = await scim(app, token).post('/Users').send(body);
      expectScimError(tooLong);
      expect(tooLong.status).toBe(400);
    }

    const longFilter = `userName eq "${'a'.repeat(10_000)}"`;
    expect((await scim(app, token).get('/Users').query({ filter: longFilter })).status).toBe(400);

    const operations = Array.from({ length: 1001 }, () => ({ op: 'replace', path: 'title', value: 'x' }));
    const tooMany = await scim(app, token)
      .patch(`/Users/${userId}`)
      .send({ schemas: [PATCH_OP], Operations: operations });
    expectScimError(tooMany);
    expect(tooMany.status).toBe(413);
  });
});
