import { createCompany, createProvisioningToken, createUser, TestCompany } from './support/factories';
import { PATCH_OP_SCHEMA, scim, ScimResource } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually, waitFor } from './support/wait-for';
import { ReceivedWebhook, startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';

const WEBHOOK_ENV = {
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_TIMEOUT_MS: '500',
  WEBHOOK_FIRST_RETRY_DELAY_MS: '50',
  WEBHOOK_SECRET_KEY: 'a'.repeat(64),
};

interface CreatedWebhook {
  id: string;
  secret: string;
}

async function createWebhook(app: TestApp, key: string, body: Record<string, unknown>): Promise<CreatedWebhook> {
  const response = await app.http.post('/api/admin/webhooks').set(bearer(key)).send(body).expect(201);
  return { id: response.body.id, secret: response.body.secret };
}

function disable(app: TestApp, token: string, user: ScimResource) {
  return scim(app, token)
    .patch(`/Users/${user.id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] })
    .expect(200);
}

/** The events as received, a repeat of the one before (at least once) folded into one. */
function distinctInArrival(received: ReceivedWebhook[]): ReceivedWebhook[] {
  return received.filter((request, index) => index === 0 || received[index - 1].headers['webhook-id'] !== request.headers['webhook-id']);
}

describe('Webhooks', () => {
  let app: TestApp;
  let company: TestCompany;
  let token: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp({ env: WEBHOOK_ENV });
    company = await createCompany(app);
    token = await createProvisioningToken(app, company);
  });

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the signing secret once, at creation and rotation, and audit-logs the changes', async () => {
    const created = await app.http
      .post('/api/admin/webhooks')
      .set(bearer(company.superAdminKey))
      .send({ url: `${receiver.url}/hook`, eventTypes: ['user.disabled'], description: 'Vault' })
      .expect(201);
    expect(created.body).toMatchObject({ url: `${receiver.url}/hook`, eventTypes: ['user.disabled'], description: 'Vault', enabled: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const read = await app.http.get(`/api/admin/webhooks/${created.body.id}`).set(bearer(company.superAdminKey)).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret.slice(6));
    const list = await app.http.get('/api/admin/webhooks').set(bearer(company.superAdminKey)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const rotated = await app.http
      .post(`/api/admin/webhooks/${created.body.id}/rotate-secret`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    const ping = await app.http.post(`/api/admin/webhooks/${created.body.id}/test`).set(bearer(company.superAdminKey)).expect(200);
    expect(ping.body).toMatchObject({ eventType: 'webhook.test', trigger: 'test', status: 'succeeded', responseStatus: 204 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].event).toMatchObject({ type: 'webhook.test', companyId: company.companyId });
    expect(receiver.verifies(receiver.received[0], rotated.body.secret)).toBe(true);
    expect(receiver.verifies(receiver.received[0], created.body.secret)).toBe(false);

    await app.http.delete(`/api/admin/webhooks/${created.body.id}`).set(bearer(company.superAdminKey)).expect(204);
    await app.http.get(`/api/admin/webhooks/${created.body.id}`).set(bearer(company.superAdminKey)).expect(404);

    const audit = await app.http.get('/api/admin/audit-log').set(bearer(company.superAdminKey)).expect(200);
    const actions = audit.body.items
      .filter((entry: { targetId: string }) => entry.targetId === created.body.id)
      .map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook.created', 'webhook.secret_rotated', 'webhook.deleted']));
    expect(JSON.stringify(audit.body)).not.toContain(rotated.body.secret);
  });

  it('delivers every event in order, signed, through failures, timeouts and recovery', async () => {
    const webhook = await createWebhook(app, company.superAdminKey, { url: `${receiver.url}/events` });
    // Three 503s, then no answer at all, then success.
    let calls = 0;
    receiver.answer = () => {
      calls += 1;
      if (calls === 4) return 'hang';
      return calls < 4 ? 503 : 200;
    };
    const users: ScimResource[] = [];
    for (let i = 0; i < 4; i += 1) users.push(await createUser(app, token));
    await disable(app, token, users[1]);

    const expected = [...users.map((user) => ['user.created', user.id]), ['user.disabled', users[1].id]];
    await waitFor(
      'every event delivered and acknowledged',
      async () => {
        if (distinctInArrival(receiver.received).length < expected.length) return false;
        const read = await app.http.get(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey));
        return read.body.failedAttempts === 0;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );

    const distinct = distinctInArrival(receiver.received);
    expect(distinct.map((request) => [request.event.type, request.event.subject.id])).toEqual(expected);
    const sequences = distinct.map((request) => BigInt(request.event.sequence));
    expect(sequences).toEqual([...sequences].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const request of receiver.received) {
      expect(receiver.verifies(request, webhook.secret)).toBe(true);
      expect(request.headers['webhook-id']).toBe(request.event.id);
    }
    // The first event was sent again until it succeeded: four failures (one a timeout), then its success.
    expect(
      receiver.received.slice(0, 5).every((request) => request.headers['webhook-id'] === receiver.received[0].headers['webhook-id']),
    ).toBe(true);

    const log = await app.http.get(`/api/admin/webhooks/${webhook.id}/deliveries?limit=200`).set(bearer(company.superAdminKey)).expect(200);
    const oldestFirst = [...log.body.items].reverse();
    expect(oldestFirst.slice(0, 5)).toMatchObject([
      { attempt: 1, status: 'failed', responseStatus: 503, error: 'The endpoint answered 503' },
      { attempt: 2, status: 'failed', responseStatus: 503 },
      { attempt: 3, status: 'failed', responseStatus: 503 },
      { attempt: 4, status: 'failed', responseStatus: null, error: 'No answer within 500 ms' },
      { attempt: 5, status: 'succeeded', responseStatus: 200, nextAttemptAt: null },
    ]);
    expect(oldestFirst[0].nextAttemptAt).not.toBeNull();

    const paged = await app.http.get(`/api/admin/webhooks/${webhook.id}/deliveries?limit=2`).set(bearer(company.superAdminKey)).expect(200);
    const next = await app.http
      .get(`/api/admin/webhooks/${webhook.id}/deliveries?limit=2&cursor=${paged.body.nextCursor}`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    expect(next.body.items[0].id).toBe(log.body.items[2].id);

    const redelivered = await app.http
      .post(`/api/admin/webhooks/${webhook.id}/deliveries/${oldestFirst[0].id}/redeliver`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    expect(redelivered.body).toMatchObject({ trigger: 'redelivery', status: 'succeeded', eventId: oldestFirst[0].eventId });
    const last = receiver.received[receiver.received.length - 1];
    expect(last.headers['webhook-id']).toBe(oldestFirst[0].eventId);
    expect(receiver.verifies(last, webhook.secret)).toBe(true);
    await app.http.delete(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(204);
  });

  it('delivers only the event types asked for', async () => {
    const webhook = await createWebhook(app, company.superAdminKey, { url: receiver.url, eventTypes: ['user.disabled'] });
    const user = await createUser(app, token);
    await createUser(app, token);
    await disable(app, token, user);
    await waitFor('the disable delivered', () => receiver.received.length >= 1, { timeoutMs: 10_000 });
    await eventually(async () => {
      const read = await app.http.get(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(200);
      expect(read.body.failedAttempts).toBe(0);
    });
    expect(receiver.received.map((request) => [request.event.type, request.event.subject.id])).toEqual([['user.disabled', user.id]]);
    await app.http.delete(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(204);
  });

  it('sends the next event to the address and with the secret an admin just changed, while events keep coming', async () => {
    const webhook = await createWebhook(app, company.superAdminKey, { url: `${receiver.url}/before` });
    const first = await createUser(app, token);
    await waitFor('the first event delivered', () => receiver.received.some((request) => request.event.subject?.id === first.id), {
      timeoutMs: 10_000,
    });

    const moved = await startWebhookReceiver();
    try {
      await app.http
        .patch(`/api/admin/webhooks/${webhook.id}`)
        .set(bearer(company.superAdminKey))
        .send({ url: `${moved.url}/after` })
        .expect(200);
      const rotated = await app.http.post(`/api/admin/webhooks/${webhook.id}/rotate-secret`).set(bearer(company.superAdminKey)).expect(200);
      const second = await createUser(app, token);
      await waitFor('the second event delivered', () => moved.received.some((request) => request.event.subject?.id === second.id), {
        timeoutMs: 10_000,
      });
      expect(receiver.received.map((request) => request.event.subject?.id)).not.toContain(second.id);
      const delivered = moved.received.find((request) => request.event.subject?.id === second.id)!;
      expect(delivered.path).toBe('/after');
      expect(moved.verifies(delivered, rotated.body.secret)).toBe(true);
    } finally {
      await moved.close();
      await app.http.delete(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(204);
    }
  });

  it('does not follow a redirect', async () => {
    receiver.answer = (request) => (request.path === '/moved' ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } } : 204);
    const webhook = await createWebhook(app, company.superAdminKey, { url: `${receiver.url}/moved` });
    const ping = await app.http.post(`/api/admin/webhooks/${webhook.id}/test`).set(bearer(company.superAdminKey)).expect(200);
    expect(ping.body).toMatchObject({ status: 'failed', responseStatus: 302 });
    expect(ping.body.error).toContain('not followed');
    expect(receiver.received.map((request) => request.path)).toEqual(['/moved']);
    await app.http.delete(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(204);
  });

  it.each([
    ['a private address', 'http://10.0.0.7/hook', 'private'],
    ['the metadata address', 'http://169.254.169.254/latest', 'linkLocal'],
    ['IPv6 loopback', 'http://[::1]:9/hook', 'loopback'],
    ['an IPv4-mapped IPv6 loopback', 'http://[::ffff:7f00:2]:9/hook', 'loopback'],
    ['CGNAT', 'https://100.64.1.2/hook', 'carrierGradeNat'],
    ['the unspecified address', 'http://0.0.0.0:9/', 'unspecified'],
  ])('refuses %s', async (_, url, range) => {
    const response = await app.http.post('/api/admin/webhooks').set(bearer(company.superAdminKey)).send({ url }).expect(400);
    expect(response.body.message).toContain(`is a ${range} address`);
    expect(response.body.message).toContain('WEBHOOK_ALLOWED_HOSTS');
  });

  it('refuses a refused URL on update too, and bad input with a clear answer', async () => {
    const webhook = await createWebhook(app, company.superAdminKey, { url: receiver.url });
    const refused = await app.http
      .patch(`/api/admin/webhooks/${webhook.id}`)
      .set(bearer(company.superAdminKey))
      .send({ url: 'http://192.168.0.1/' })
      .expect(400);
    expect(refused.body.message).toContain('private address');
    const badType = await app.http
      .post('/api/admin/webhooks')
      .set(bearer(company.superAdminKey))
      .send({ url: receiver.url, eventTypes: ['user.exploded'] })
      .expect(400);
    expect(badType.body.details[0].field).toBe('eventTypes');
    await app.http.post('/api/admin/webhooks').set(bearer(company.superAdminKey)).send({ url: 'ftp://files.acme.test/' }).expect(400);
    await app.http.delete(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(204);
  });

  it("keeps each company's endpoints and events to itself", async () => {
    const other = await createCompany(app, 'Other');
    const otherToken = await createProvisioningToken(app, other);
    const mine = await createWebhook(app, company.superAdminKey, { url: `${receiver.url}/mine` });
    const theirs = await createWebhook(app, other.superAdminKey, { url: `${receiver.url}/theirs` });
    for (const [method, path] of [
      ['get', ''],
      ['patch', ''],
      ['delete', ''],
      ['post', '/test'],
      ['post', '/rotate-secret'],
      ['get', '/deliveries'],
    ] as const) {
      await app.http[method](`/api/admin/webhooks/${mine.id}${path}`).set(bearer(other.superAdminKey)).send({}).expect(404);
    }
    const list = await app.http.get('/api/admin/webhooks').set(bearer(other.superAdminKey)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([theirs.id]);

    const user = await createUser(app, otherToken);
    await waitFor('the other company’s event delivered', () => receiver.received.some((request) => request.path === '/theirs'), {
      timeoutMs: 10_000,
    });
    expect(receiver.received.filter((request) => request.path === '/theirs').map((request) => request.event.subject.id)).toEqual([user.id]);
    expect(receiver.received.filter((request) => request.path === '/mine')).toEqual([]);
    await app.http.delete(`/api/admin/webhooks/${mine.id}`).set(bearer(company.superAdminKey)).expect(204);
  });

  it("lets internal services receive every company's events", async () => {
    const created = await app.http
      .post('/api/internal/webhooks')
      .set(bearer(TEST_SERVICE_SECRET))
      .send({ url: `${receiver.url}/all`, eventTypes: ['user.created'] })
      .expect(201);
    expect(created.body).toMatchObject({ companyId: null, createdByService: 'test-signup' });
    await app.http.get(`/api/admin/webhooks/${created.body.id}`).set(bearer(company.superAdminKey)).expect(404);
    const other = await createCompany(app, 'Third');
    const first = await createUser(app, token);
    const second = await createUser(app, await createProvisioningToken(app, other));
    await waitFor('both companies’ events delivered', () => receiver.received.length >= 2, { timeoutMs: 10_000 });
    expect(receiver.received.map((request) => [request.event.companyId, request.event.subject.id])).toEqual([
      [company.companyId, first.id],
      [other.companyId, second.id],
    ]);
    const positions = receiver.received.map((request) => BigInt(request.event.position));
    expect(positions[0] < positions[1]).toBe(true);
    expect(receiver.verifies(receiver.received[0], created.body.secret)).toBe(true);
    await app.http.delete(`/api/internal/webhooks/${created.body.id}`).set(bearer(TEST_SERVICE_SECRET)).expect(204);
  });
});

describe('Webhooks that keep failing', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp({ env: { ...WEBHOOK_ENV, WEBHOOK_RETRY_HORIZON_SECONDS: '1' } });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
    await app.close();
  });

  it('are disabled with a reason and an audit entry, and resume with the failed event once enabled', async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company);
    const webhook = await createWebhook(app, company.superAdminKey, { url: receiver.url });
    receiver.answer = () => 500;
    const user = await createUser(app, token);
    const disabled = await eventually(async () => {
      const read = await app.http.get(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(200);
      expect(read.body.enabled).toBe(false);
      return read.body;
    }, 20_000);
    expect(disabled.disabledReason).toContain('The endpoint answered 500');
    expect(disabled.disabledAt).not.toBeNull();
    const audit = await app.http.get('/api/admin/audit-log').set(bearer(company.superAdminKey)).expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'webhook.disabled', actorType: 'system', targetId: webhook.id })]),
    );

    receiver.answer = () => 200;
    const attemptsWhileDisabled = receiver.received.length;
    await app.http.patch(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).send({ enabled: true }).expect(200);
    await waitFor('the failed event delivered after enabling', () => receiver.received.length > attemptsWhileDisabled, {
      timeoutMs: 10_000,
    });
    expect(receiver.received[receiver.received.length - 1].event.subject.id).toBe(user.id);
    const read = await app.http.get(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).expect(200);
    expect(read.body).toMatchObject({ enabled: true, disabledReason: null });
  });
});

describe('Webhook addresses at delivery time', () => {
  it('are checked again on the connection: a host allowed at creation but no longer is refused', async () => {
    const receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    const first = await startTestApp({ env: { ...WEBHOOK_ENV, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost' }, keepDataDir: true });
    const company = await createCompany(first);
    const token = await createProvisioningToken(first, company);
    const byName = await createWebhook(first, company.superAdminKey, { url: `http://localhost:${port}/name` });
    const byAddress = await createWebhook(first, company.superAdminKey, { url: `${receiver.url}/address` });
    await first.close();
    const second = await startTestApp({ env: { ...WEBHOOK_ENV, WEBHOOK_ALLOWED_HOSTS: '' }, dataDir: first.dataDir });
    try {
      await createUser(second, token);
      for (const webhook of [byName, byAddress]) {
        const log = await eventually(async () => {
          const response = await second.http
            .get(`/api/admin/webhooks/${webhook.id}/deliveries`)
            .set(bearer(company.superAdminKey))
            .expect(200);
          expect(response.body.items.length).toBeGreaterThan(0);
          return response.body.items;
        }, 10_000);
        expect(log[0]).toMatchObject({ status: 'failed', responseStatus: null });
        expect(log[0].error).toContain('is a loopback address, which webhooks may not reach');
      }
      expect(receiver.received).toEqual([]);

      const refused = await second.http
        .post('/api/admin/webhooks')
        .set(bearer(company.superAdminKey))
        .send({ url: 'http://localhost:9/hook' })
        .expect(400);
      expect(refused.body.message).toMatch(/^localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});

(usesEmbeddedDatabase ? describe.skip : describe)('Webhooks from two instances on one PostgreSQL', () => {
  it('share the deliveries and keep each endpoint in order', async () => {
    const receiver = await startWebhookReceiver();
    const apps = [await startTestApp({ env: WEBHOOK_ENV }), await startTestApp({ env: WEBHOOK_ENV })];
    try {
      const company = await createCompany(apps[0]);
      const token = await createProvisioningToken(apps[0], company);
      const webhooks = [
        await createWebhook(apps[0], company.superAdminKey, { url: `${receiver.url}/a` }),
        await createWebhook(apps[1], company.superAdminKey, { url: `${receiver.url}/b` }),
      ];
      let calls = 0;
      receiver.answer = () => (++calls % 7 === 0 ? 503 : 204);
      const users: ScimResource[] = [];
      for (let i = 0; i < 20; i += 1) users.push(await createUser(apps[i % 2], token));
      for (const path of ['/a', '/b']) {
        await waitFor(
          `every event delivered to ${path}`,
          () =>
            new Set(receiver.received.filter((request) => request.path === path).map((request) => request.headers['webhook-id'])).size >=
            users.length,
          { timeoutMs: 30_000 },
        );
      }
      for (const [index, path] of ['/a', '/b'].entries()) {
        const distinct = distinctInArrival(receiver.received.filter((request) => request.path === path));
        expect(distinct.map((request) => request.event.subject.id)).toEqual(users.map((user) => user.id));
        for (const request of distinct) expect(receiver.verifies(request, webhooks[index].secret)).toBe(true);
      }
    } finally {
      for (const app of apps) await app.close();
      await receiver.close();
    }
  });
});
