import { bearer, createCompany, createProvisioningToken, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('concurrent SCIM writes', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    token = await createProvisioningToken(app, await createCompany(app), 'entra-id');
  });
  afterAll(() => app.close());

  const createUser = (userName: string) => app.http.post('/scim/v2/Users').set(bearer(token)).send({ userName });
  const patchTitle = (id: string, title: string, etag?: string) => {
    const request = app.http
      .patch(`/scim/v2/Users/${id}`)
      .set(bearer(token))
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: title }] });
    return etag ? request.set('If-Match', etag) : request;
  };

  it('lets exactly one of 50 concurrent creates of the same userName succeed', async () => {
    const userName = uniqueEmail('race');
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => createUser(i % 2 ? userName : userName.toUpperCase())));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const conflicts = responses.filter((response) => response.status === 409);
    expect(conflicts).toHaveLength(49);
    for (const conflict of conflicts) expect(conflict.body.scimType).toBe('uniqueness');
    const list = await app.http
      .get('/scim/v2/Users')
      .query({ filter: `userName eq "${userName}"` })
      .set(bearer(token));
    expect(list.body.totalResults).toBe(1);
  });

  it('lets one of 20 concurrent PATCHes with the same If-Match win; the others get 412', async () => {
    const created = (await createUser(uniqueEmail('etag')).expect(201)).body;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => patchTitle(created.id, `title-${i}`, created.meta.version)));
    const winners = responses.filter((response) => response.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(19);
    const final = (await app.http.get(`/scim/v2/Users/${created.id}`).set(bearer(token)).expect(200)).body;
    expect(final.title).toBe(winners[0].body.title);
    expect(final.meta.version).toBe(winners[0].body.meta.version);
  });

  it('lets one of 20 concurrent PUTs with the same If-Match win', async () => {
    const created = (await createUser(uniqueEmail('put')).expect(201)).body;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http
          .put(`/scim/v2/Users/${created.id}`)
          .set(bearer(token))
          .set('If-Match', created.meta.version)
          .send({ userName: created.userName, displayName: `name-${i}` }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(19);
  });

  it('loses no update among 20 concurrent PATCHes without If-Match', async () => {
    const created = (await createUser(uniqueEmail('adds')).expect(201)).body;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http
          .patch(`/scim/v2/Users/${created.id}`)
          .set(bearer(token))
          .send({
            schemas: [PATCH_OP],
            Operations: [{ op: 'add', path: 'emails', value: [{ value: `alias${i}@acme.test`, type: 'other' }] }],
          }),
      ),
    );
    for (const response of responses) expect(response.status).toBe(200);
    const final = (await app.http.get(`/scim/v2/Users/${created.id}`).set(bearer(token)).expect(200)).body;
    expect(final.emails.map((email: { value: string }) => email.value).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `alias${i}@acme.test`).sort(),
    );
    expect(final.meta.version).toBe('W/"21"');
  });
});
