import { createCompany, createProvisioningToken, createUser, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
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

  const patchTitle = (id: string, title: string, etag?: string) => {
    const request = scim(app, token)
      .patch(`/Users/${id}`)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: title }] });
    return etag ? request.set('If-Match', etag) : request;
  };

  it('lets exactly one of 50 concurrent creates of the same userName succeed', async () => {
    const userName = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        scim(app, token)
          .post('/Users')
          .send({ userName: i % 2 ? userName : userName.toUpperCase() }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const conflicts = responses.filter((response) => response.status === 409);
    expect(conflicts).toHaveLength(49);
    for (const conflict of conflicts) expect(conflict.body.scimType).toBe('uniqueness');
    const list = await scim(app, token)
      .get('/Users')
      .query({ filter: `userName eq "${userName}"` });
    expect(list.body.totalResults).toBe(1);
  });

  it('lets one of 20 concurrent PATCHes with the same If-Match win; the others get 412', async () => {
    const created = await createUser(app, token, { userName: uniqueEmail('etag') });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => patchTitle(created.id, `title-${i}`, created.meta.version)));
    const winners = responses.filter((response) => response.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(19);
    const final = (await scim(app, token).get(`/Users/${created.id}`).expect(200)).body;
    expect(final.title).toBe(winners[0].body.title);
    expect(final.meta.version).toBe(winners[0].body.meta.version);
  });

  it('lets one of 20 concurrent PUTs with the same If-Match win', async () => {
    const created = await createUser(app, token, { userName: uniqueEmail('put') });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        scim(app, token)
          .put(`/Users/${created.id}`)
          .set('If-Match', created.meta.version)
          .send({ userName: created.userName, displayName: `name-${i}` }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(19);
  });

  it('loses no update among 20 concurrent PATCHes without If-Match', async () => {
    const created = await createUser(app, token, { userName: uniqueEmail('adds') });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        scim(app, token)
          .patch(`/Users/${created.id}`)
          .send({
            schemas: [PATCH_OP],
            Operations: [{ op: 'add', path: 'emails', value: [{ value: `alias${i}@acme.test`, type: 'other' }] }],
          }),
      ),
    );
    for (const response of responses) expect(response.status).toBe(200);
    const final = (await scim(app, token).get(`/Users/${created.id}`).expect(200)).body;
    expect(final.emails.map((email: { value: string }) => email.value).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `alias${i}@acme.test`).sort(),
    );
    expect(final.meta.version).toBe('W/"21"');
  });
});
