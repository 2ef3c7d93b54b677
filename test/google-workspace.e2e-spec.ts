import { createCompany, TestCompany } from './support/factories';
import {
  GoogleDirectoryStandIn,
  RATE_LIMIT_EXCEEDED,
  STAND_IN_ADMIN,
  STAND_IN_CUSTOMER_ID,
  startGoogleDirectoryStandIn,
} from './support/google-directory-stand-in';
import { bearer, startTestApp, TestApp } from './support/test-app';

type Item = Record<string, any>;

export const KEY_ENCRYPTION_KEY = 'a1'.repeat(32);

/** The app's settings that point Google's clients at the stand-in, with short backoff waits. */
export function googleEnv(standIn: GoogleDirectoryStandIn): Record<string, string> {
  return {
    GOOGLE_DIRECTORY_API_ROOT: `${standIn.url}/`,
    GOOGLE_OAUTH_TOKEN_URL: standIn.tokenUrl,
    GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY: KEY_ENCRYPTION_KEY,
    GOOGLE_WORKSPACE_BACKOFF_MS: '5',
    GOOGLE_WORKSPACE_MAX_ATTEMPTS: '4',
  };
}

describe('Google Workspace sync', () => {
  let app: TestApp;
  let standIn: GoogleDirectoryStandIn;

  beforeAll(async () => {
    standIn = await startGoogleDirectoryStandIn();
    app = await startTestApp({ env: googleEnv(standIn), captureLogs: true });
  });
  afterAll(async () => {
    await app.close();
    await standIn.close();
  });
  beforeEach(() => {
    standIn.users.length = 0;
    standIn.groups.length = 0;
    standIn.failures.length = 0;
    standIn.requests.length = 0;
    standIn.delegation = true;
    standIn.adminMayRead = true;
  });

  const tab = (company: TestCompany) => ({
    get: () => app.http.get('/api/admin/google-workspace').set(bearer(company.superAdminKey)),
    uploadKey: (serviceAccountKey: unknown) =>
      app.http.put('/api/admin/google-workspace/service-account-key').set(bearer(company.superAdminKey)).send({ serviceAccountKey }),
    update: (body: object) => app.http.patch('/api/admin/google-workspace').set(bearer(company.superAdminKey)).send(body),
    test: () => app.http.post('/api/admin/google-workspace/test-connection').set(bearer(company.superAdminKey)),
    sync: () => app.http.post('/api/admin/google-workspace/sync').set(bearer(company.superAdminKey)),
  });

  /** A company whose Google Workspace tab is set up against the stand-in. */
  async function setUp(settings: object = {}): Promise<TestCompany> {
    const company = await createCompany(app);
    await tab(company).uploadKey(standIn.keyFile()).expect(200);
    await tab(company)
      .update({ adminEmail: STAND_IN_ADMIN, customerId: STAND_IN_CUSTOMER_ID, ...settings })
      .expect(200);
    return company;
  }

  async function userNamed(company: TestCompany, email: string): Promise<Item | undefined> {
    const response = await app.http
      .get(`/api/admin/users?q=${encodeURIComponent(email)}`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    return (response.body.items as Item[]).find((user) => user.userName === email);
  }

  describe('a first sync', () => {
    it('applies the users and groups Google lists, through a directory snapshot', async () => {
      const company = await setUp();
      const [ada, grace, alan] = standIn.addUsers(3);
      alan.suspended = true;
      standIn.addGroup('Engineering', [
        { type: 'USER', id: ada.id },
        { type: 'USER', id: grace.id },
      ]);

      const run = (await tab(company).sync().expect(200)).body;

      expect(run).toMatchObject({ trigger: 'manual', state: 'applied', counts: { users: 3, groups: 1, memberships: 2 }, error: null });
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
      const stored = await userNamed(company, ada.primaryEmail);
      expect(stored).toMatchObject({
        externalId: ada.id,
        state: 'provisioned',
        managedBy: expect.objectContaining({ provider: 'google-workspace' }),
      });
      expect(await userNamed(company, alan.primaryEmail)).toMatchObject({ state: 'disabled' });
      const snapshot = await app.http
        .get(`/api/admin/directory-sync/snapshots/${run.snapshotId}`)
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(snapshot.body).toMatchObject({ state: 'applied', provider: 'google-workspace' });
      const view = (await tab(company).get().expect(200)).body;
      expect(view).toMatchObject({ missing: [], running: false, lastRun: { id: run.id, state: 'applied' } });
    });
  });

  describe('backoff', () => {
    it('waits out 429, 5xx and rateLimitExceeded answers and still applies', async () => {
      const company = await setUp();
      standIn.addUsers(2);
      standIn.fail({ resource: 'users', status: 429, times: 1, headers: { 'retry-after': '0' } });
      standIn.fail({ resource: 'groups', ...RATE_LIMIT_EXCEEDED, times: 1 });
      standIn.fail({ resource: 'token', status: 503, times: 1 });

      const run = (await tab(company).sync().expect(200)).body;

      expect(run).toMatchObject({ state: 'applied', counts: { users: 2 } });
      expect(standIn.requestsOf('users').map((request) => request.status)).toEqual([429, 200]);
      expect(standIn.requestsOf('groups').map((request) => request.status)).toEqual([403, 200]);
    });
  });
});
