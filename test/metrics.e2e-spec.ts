import { startApplication } from '../src/application';
import { ConfigurationError } from '../src/config/environment';
import { RetentionService } from '../src/retention/retention.service';
import { createCompany, createProvisioningToken, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-scrape-token-0123456789';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('metrics', () => {
  it('refuses a METRICS_TOKEN shorter than 16 characters at start', async () => {
    const attempt = startApplication({ METRICS_TOKEN: 'short' });
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    await expect(attempt).rejects.toThrow(/METRICS_TOKEN/);
  });

  describe('without METRICS_TOKEN', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ env: { RETENTION_INTERVAL_SECONDS: '0' } });
    });
    afterAll(() => app.close());

    it('has no /metrics route, whatever the credential', async () => {
      await app.http.get('/metrics').expect(404);
      await app.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(404);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ env: { METRICS_TOKEN, RETENTION_INTERVAL_SECONDS: '0' } });
    });
    afterAll(() => app.close());

    const scrape = () => app.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);

    it('answers 401 without the token or with another one', async () => {
      const missing = await app.http.get('/metrics').expect(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      await app.http
        .get('/metrics')
        .set(bearer(`${METRICS_TOKEN}x`))
        .expect(401);
      await app.http
        .get('/metrics')
        .set(bearer(METRICS_TOKEN.slice(0, -1)))
        .expect(401);
      await app.http.get('/metrics').set('Authorization', `Basic ${METRICS_TOKEN}`).expect(401);
    });

    it('exposes HTTP, SCIM, pool, sync-log and retention metrics by route pattern, never by URL', async () => {
      const company = await createCompany(app);
      const okta = await createProvisioningToken(app, company, 'okta');
      const entra = await createProvisioningToken(app, company, 'entra-id');
      const userName = uniqueEmail('metrics');
      const created = await scim(app, okta).post('/Users').send({ userName }).expect(201);
      const userId: string = created.body.id;
      await scim(app, okta).post('/Users').send({ userName }).expect(409);
      await scim(app, entra).get(`/Users/${userId}`).expect(200);
      await scim(app, entra)
        .get('/Users')
        .query({ filter: `userName eq "${userName}"` })
        .expect(200);
      await scim(app, entra)
        .patch(`/Users/${userId}`)
        .send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
        .expect(200);
      await app.http.get('/no/such/route').expect(404);
      await app.running.app.get(RetentionService).runOnce();

      const response = await scrape();
      expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const text = response.text;
      expect(text).toContain('http_request_duration_seconds_count{method="POST",route="/scim/v2/Users",status_code="201"} 1');
      expect(text).toContain('http_request_duration_seconds_count{method="POST",route="/scim/v2/Users",status_code="409"} 1');
      expect(text).toContain('http_request_duration_seconds_count{method="PATCH",route="/scim/v2/Users/:id",status_code="200"} 1');
      expect(text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/scim/v2/Users/:id",status_code="200"}');
      expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="[^"]+",status_code="404"\} 1$/m);
      expect(text).not.toContain('/no/such/route');
      expect(text).not.toContain(userId);
      expect(text).not.toContain(userName);

      expect(text).toContain('dps_scim_operations_total{provider="okta",resource="Users",operation="create",outcome="success"} 1');
      expect(text).toContain('dps_scim_operations_total{provider="okta",resource="Users",operation="create",outcome="client_error"} 1');
      expect(text).toContain('dps_scim_operations_total{provider="entra-id",resource="Users",operation="get",outcome="success"} 1');
      expect(text).toContain('dps_scim_operations_total{provider="entra-id",resource="Users",operation="list",outcome="success"} 1');
      expect(text).toContain('dps_scim_operations_total{provider="entra-id",resource="Users",operation="patch",outcome="success"} 1');

      expect(text).toMatch(/^dps_db_pool_connections\{state="total"\} [1-9]\d*$/m);
      expect(text).toMatch(/^dps_db_pool_connections\{state="idle"\} \d+$/m);
      expect(text).toMatch(/^dps_db_pool_waiting_requests \d+$/m);
      expect(text).toMatch(/^dps_sync_log_buffered_entries \d+$/m);
      expect(text).toMatch(/^dps_retention_purged_total\{kind="sync_log"\} \d+$/m);
      expect(text).toMatch(/^dps_retention_runs_total\{outcome="completed"\} 1$/m);
      expect(text).toContain('process_cpu_seconds_total');
    });
  });
});
