import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RetentionService } from '../src/retention/retention.service';
import { createCompany, createProvisioningApiKey, TestCompany, uniqueEmail } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('Provisioning API: Idempotency-Key', () => {
  let app: TestApp;
  let company: TestCompany;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { RETENTION_INTERVAL_SECONDS: '0' } });
    company = await createCompany(app);
    key = await createProvisioningApiKey(app, company);
  });
  afterAll(() => app.close());

  const send = (method: 'post' | 'patch' | 'put' | 'delete', path: string, idempotencyKey?: string, credential = key) => {
    const request = app.http[method](`/api/v1${path}`).set(bearer(credential));
    return idempotencyKey === undefined ? request : request.set('Idempotency-Key', idempotencyKey);
  };
  const usersWithEmail = async (email: string) =>
    (
      await app.http
        .get(`/api/v1/users?email=${encodeURIComponent(email)}`)
        .set(bearer(key))
        .expect(200)
    ).body.items;
  const database = () => app.running.app.get(DataSource);

  it('answers a retried create with the first answer and creates one user', async () => {
    const idempotencyKey = randomUUID();
    const body = { email: uniqueEmail('retry'), givenName: 'Retry' };
    const first = await send('post', '/users', idempotencyKey).send(body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retried = await send('post', '/users', idempotencyKey).send({ givenName: 'Retry', email: body.email }).expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect(await usersWithEmail(body.email)).toHaveLength(1);
  });

  it('refuses the key with another body or route (422) and changes nothing', async () => {
    const idempotencyKey = randomUUID();
    const email = uniqueEmail('first');
    await send('post', '/users', idempotencyKey).send({ email }).expect(201);
    const other = uniqueEmail('other');
    const reused = await send('post', '/users', idempotencyKey).send({ email: other }).expect(422);
    expect(reused.body).toMatchObject({
      statusCode: 422,
      code: 'idempotency_key_reused',
      message: expect.stringContaining(idempotencyKey),
    });
    await send('post', '/groups', idempotencyKey).send({ email }).expect(422);
    expect(await usersWithEmail(other)).toEqual([]);
  });

  it('runs two concurrent requests with one key once, and answers both alike', async () => {
    for (let round = 0; round < 3; round++) {
      const idempotencyKey = randomUUID();
      const body = { email: uniqueEmail('race') };
      const [a, b] = await Promise.all([
        send('post', '/users', idempotencyKey).send(body),
        send('post', '/users', idempotencyKey).send(body),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body).toEqual(b.body);
      expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].sort()).toEqual(['true', undefined]);
      expect(await usersWithEmail(body.email)).toHaveLength(1);
    }
  });

  it('answers a retried delete 204 again, with a key or without', async () => {
    const user = (
      await send('post', '/users')
        .send({ email: uniqueEmail('gone') })
        .expect(201)
    ).body;
    const idempotencyKey = randomUUID();
    await send('delete', `/users/${user.id}`, idempotencyKey).expect(204);
    const retried = await send('delete', `/users/${user.id}`, idempotencyKey).expect(204);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    await send('delete', `/users/${user.id}`).expect(204);

    const group = (
      await send('post', '/groups')
        .send({ displayName: `Gone ${randomUUID()}` })
        .expect(201)
    ).body;
    const groupKey = randomUUID();
    await send('delete', `/groups/${group.id}`, groupKey).expect(204);
    await send('delete', `/groups/${group.id}`, groupKey).expect(204);
  });

  it('replays PATCH, PUT and batch writes without running them again', async () => {
    const user = (
      await send('post', '/users')
        .send({ email: uniqueEmail('patched') })
        .expect(201)
    ).body;
    const patchKey = randomUUID();
    const patched = await send('patch', `/users/${user.id}`, patchKey).send({ displayName: 'Once' }).expect(200);
    const replayed = await send('patch', `/users/${user.id}`, patchKey).send({ displayName: 'Once' }).expect(200);
    expect(replayed.body).toEqual(patched.body);
    expect(patched.body.version).toBe(2);
    const current = await app.http.get(`/api/v1/users/${user.id}`).set(bearer(key)).expect(200);
    expect(current.body.version).toBe(2);

    const group = (
      await send('post', '/groups')
        .send({ displayName: `Put ${randomUUID()}` })
        .expect(201)
    ).body;
    const putKey = randomUUID();
    await send('put', `/groups/${group.id}/members`, putKey)
      .send({ userIds: [user.id] })
      .expect(200);
    expect(
      (
        await send('put', `/groups/${group.id}/members`, putKey)
          .send({ userIds: [user.id] })
          .expect(200)
      ).headers['idempotent-replayed'],
    ).toBe('true');

    const batchKey = randomUUID();
    const batch = { users: [{ email: uniqueEmail('batch') }] };
    const first = await send('post', '/users/batch', batchKey).send(batch).expect(200);
    const again = await send('post', '/users/batch', batchKey).send(batch).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.counts.created).toBe(1);
  });

  it('keeps no error answer: a retry after a refused request runs again', async () => {
    const email = uniqueEmail('taken');
    await send('post', '/users').send({ email }).expect(201);
    const idempotencyKey = randomUUID();
    await send('post', '/users', idempotencyKey).send({ email }).expect(409);
    await send('delete', `/users/${(await usersWithEmail(email))[0].id}`).expect(204);
    const retried = await send('post', '/users', idempotencyKey).send({ email }).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes keys per API key, and refuses a malformed key', async () => {
    const idempotencyKey = randomUUID();
    await send('post', '/users', idempotencyKey)
      .send({ email: uniqueEmail('scoped') })
      .expect(201);
    const otherKey = await createProvisioningApiKey(app, company);
    const email = uniqueEmail('scoped');
    await send('post', '/users', idempotencyKey, otherKey).send({ email }).expect(201);
    expect(await usersWithEmail(email)).toHaveLength(1);

    const malformed = await send('post', '/users', 'has spaces in it').send({ email: uniqueEmail() }).expect(400);
    expect(malformed.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    await send('post', '/users', 'x'.repeat(256)).send({ email: uniqueEmail() }).expect(400);
  });

  it('forgets a key after 24 hours: the retention job purges it and the key runs again', async () => {
    const idempotencyKey = randomUUID();
    const email = uniqueEmail('expired');
    const first = await send('post', '/users', idempotencyKey).send({ email }).expect(201);
    await database().query(
      `UPDATE idempotency_records SET created_at = now() - interval '25 hours' WHERE company_id = $1 AND idempotency_key = $2`,
      [company.companyId, idempotencyKey],
    );
    await send('delete', `/users/${first.body.id}`).expect(204);
    const rerun = await send('post', '/users', idempotencyKey).send({ email }).expect(201);
    expect(rerun.body.id).not.toBe(first.body.id);

    const purgedKey = randomUUID();
    await send('post', '/users', purgedKey)
      .send({ email: uniqueEmail('purged') })
      .expect(201);
    await database().query(
      `UPDATE idempotency_records SET created_at = now() - interval '25 hours' WHERE company_id = $1 AND idempotency_key = $2`,
      [company.companyId, purgedKey],
    );
    const run = await app.running.app.get(RetentionService).runOnce();
    expect(run.purged.idempotency_keys).toBeGreaterThanOrEqual(1);
    const left = await database().query(`SELECT 1 FROM idempotency_records WHERE idempotency_key = ANY($1)`, [[purgedKey, idempotencyKey]]);
    expect(left).toHaveLength(1);
  });
});
