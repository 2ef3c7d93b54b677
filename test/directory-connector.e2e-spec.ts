import { Attribute, Change, Client } from 'ldapts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runAgent, writeAgentConfig } from './support/connector-agent';
import { startCuttingProxy } from './support/cutting-proxy';
import { createCompany, createConnectorToken, createProvisioningToken, TestCompany } from './support/factories';
import { adDirectoryLdif, email, groupDn, GROUPS, guidOf, openLdapStaffLdif, PEOPLE, range, STAFF, userDn } from './support/ldap-fixture';
import { CONNECTOR_DN, CONNECTOR_PASSWORD, ROOT_DN, ROOT_PASSWORD, SlapdServer, startSlapd } from './support/slapd-server';
import { bearer, startTestApp, TestApp } from './support/test-app';

type Item = Record<string, any>;

const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const SIZE_LIMIT = 50;
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USERS = 60;

/**
 * 60 AD-like users (one page is 50 at most), user00005 disabled; Engineering and Platform nest each other (a cycle),
 * Everyone holds Engineering and Sales and ten more users.
 */
const DIRECTORY =
  adDirectoryLdif(
    range(0, USERS).map((index) => ({ index, disabled: index === 5 })),
    [
      { name: 'Engineering', users: range(0, 20), groups: ['Platform'] },
      { name: 'Platform', users: range(20, 25), groups: ['Engineering'] },
      { name: 'Sales', users: range(30, 40), groups: [] },
      { name: 'Everyone', users: range(40, 50), groups: ['Engineering', 'Sales'] },
      { name: 'Contractors', users: range(50, 60), groups: [] },
    ],
  ) + openLdapStaffLdif(['ann', 'bob', 'cid'], ['bob']);

describe('Directory connector (agent against slapd)', () => {
  let app: TestApp;
  let slapd: SlapdServer;

  beforeAll(async () => {
    slapd = await startSlapd({ sizeLimit: SIZE_LIMIT, seed: DIRECTORY, tls: true });
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
    await slapd?.destroy();
  });

  const connectorToken = (company: TestCompany) => createConnectorToken(app, company);

  function adConfig(
    overrides: { ldap?: Item; users?: Item; sync?: Item; onlyMembersOf?: string[]; service?: Item; retry?: Item } = {},
  ): Item {
    return {
      service: { url: app.running.url, token: { env: 'DPS_CONNECTOR_TOKEN' }, ...overrides.service },
      ldap: { urls: [slapd.url], bindDn: CONNECTOR_DN, bindPassword: { env: 'LDAP_BIND_PASSWORD' }, pageSize: 20, ...overrides.ldap },
      users: { baseDns: [PEOPLE], filter: '(objectClass=inetOrgPerson)', ...overrides.users },
      groups: { baseDns: [GROUPS], filter: '(objectClass=groupOfNames)' },
      ...(overrides.onlyMembersOf ? { onlyMembersOf: overrides.onlyMembersOf } : {}),
      mapping: { userName: 'mail', externalId: 'objectGUID' },
      sync: { deprovisionAction: 'delete', maxDeletePercent: 10, ...overrides.sync },
      retry: { attempts: 2, initialDelaySeconds: 0, ...overrides.retry },
    };
  }

  const agent = (config: Item, token: string, args: string[] = []) =>
    runAgent(['--config', writeAgentConfig(config), '--once', ...args], {
      DPS_CONNECTOR_TOKEN: token,
      LDAP_BIND_PASSWORD: CONNECTOR_PASSWORD,
    });

  const admin = (company: TestCompany) => ({
    users: async (): Promise<Item[]> =>
      (await app.http.get('/api/admin/users?limit=200').set(bearer(company.superAdminKey)).expect(200)).body.items,
    /** The user of this userName: the live one, when a deleted one was provisioned again. */
    user: async (mail: string): Promise<Item | undefined> => {
      const users = (await admin(company).users()).filter((user) => user.userName === mail);
      return users.find((user) => user.state !== 'deleted') ?? users[0];
    },
    groups: async (): Promise<Item[]> =>
      (await app.http.get('/api/admin/groups?limit=200').set(bearer(company.superAdminKey)).expect(200)).body.items,
    members: async (groupId: string): Promise<string[]> =>
      (await app.http.get(`/api/admin/groups/${groupId}/members?limit=200`).set(bearer(company.superAdminKey)).expect(200)).body.items
        .map((member: Item) => member.userName as string)
        .sort(),
    connector: async (): Promise<Item> =>
      (await app.http.get('/api/admin/directory-integrations/active-directory/connector').set(bearer(company.superAdminKey)).expect(200))
        .body,
    snapshots: async (): Promise<Item[]> =>
      (await app.http.get('/api/admin/directory-sync/snapshots').set(bearer(company.superAdminKey)).expect(200)).body.items,
  });

  /** Changes the directory as its administrator would. */
  async function inDirectory(change: (client: Client) => Promise<void>): Promise<void> {
    const client = new Client({ url: slapd.url });
    try {
      await client.bind(ROOT_DN, ROOT_PASSWORD);
      await change(client);
    } finally {
      await client.unbind();
    }
  }

  const change = (operation: 'add' | 'delete' | 'replace', type: string, value: string) =>
    new Change({ operation, modification: new Attribute({ type, values: [value] }) });

  const live = (users: Item[]) => users.filter((user) => user.state !== 'deleted');
  const emails = (indexes: number[]) => indexes.map(email).sort();

  describe('an Active Directory synced run after run', () => {
    let company: TestCompany;
    let token: string;

    beforeAll(async () => {
      company = await createCompany(app);
      token = await connectorToken(company);
    });

    it('first sync: every user, the disabled one disabled, GUIDs in the standard form, nested groups expanded through the cycle', async () => {
      const run = await agent(adConfig(), token);
      expect(run.stderr).toContain('Read 60 users and 5 groups');
      expect(run.code).toBe(0);

      const users = await admin(company).users();
      expect(users.map((user) => user.userName).sort()).toEqual(emails(range(0, USERS)));
      const user7 = users.find((user) => user.userName === email(7))!;
      expect(user7).toMatchObject({ externalId: guidOf(7), state: 'provisioned', managedBy: { provider: 'active-directory' } });
      expect(users.find((user) => user.userName === email(5))!.state).toBe('disabled');
      const scim = await app.http
        .get(`/scim/v2/Users/${user7.id}`)
        .set(bearer(await createProvisioningToken(app, company, 'generic')))
        .expect(200);
      expect(scim.body[ENTERPRISE_USER]).toMatchObject({ department: 'Dept2', manager: { value: guidOf(0) } });

      const groups = await admin(company).groups();
      const members = async (name: string) => admin(company).members(groups.find((group) => group.displayName === name)!.id);
      expect(await members('Engineering')).toEqual(emails(range(0, 25)));
      expect(await members('Platform')).toEqual(emails(range(0, 25)));
      expect(await members('Everyone')).toEqual(emails([...range(0, 25), ...range(30, 50)]));

      const connector = await admin(company).connector();
      expect(connector.agent).toEqual({ version: VERSION, lastContactAt: expect.any(String) });
      expect(connector.lastRun).toMatchObject({ result: 'applied', users: 60, groups: 5, version: VERSION, error: null });
      expect(connector.settings).toMatchObject({ deprovisionAction: 'delete', maxDeletePercent: 10 });
      expect(run.stdout + run.stderr).not.toContain(CONNECTOR_PASSWORD);
      expect(run.stdout + run.stderr).not.toContain(token);
    });

    it('a change, a disable and a deletion in the directory reach the service on the next run', async () => {
      await inDirectory(async (client) => {
        await client.modify(userDn(10), [change('replace', 'sn', 'Renamed')]);
        await client.modify(userDn(11), [change('replace', 'userAccountControl', '514')]);
        await client.del(userDn(12));
      });
      const run = await agent(adConfig(), token);
      expect(run.code).toBe(0);

      const users = await admin(company).users();
      const byMail = (index: number) => users.find((user) => user.userName === email(index))!;
      expect(byMail(11).state).toBe('disabled');
      expect(byMail(12).state).toBe('deleted');
      const detail = await app.http
        .get(`/api/admin/users/${byMail(10).id}`)
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(detail.body.name).toEqual({ givenName: 'Given10', familyName: 'Renamed' });
    });

    it('narrowing the scope to a group deprovisions the others; a change of that group provisions and deprovisions', async () => {
      const scoped = adConfig({ onlyMembersOf: [groupDn('Everyone')], sync: { maxDeletePercent: 40 } });
      expect((await agent(scoped, token)).code).toBe(0);
      expect(
        live(await admin(company).users())
          .map((user) => user.userName)
          .sort(),
      ).toEqual(emails([...range(0, 25), ...range(30, 50)].filter((index) => index !== 12)));

      await inDirectory(async (client) => {
        await client.modify(groupDn('Everyone'), [change('add', 'member', userDn(55))]);
        await client.modify(groupDn('Everyone'), [change('delete', 'member', userDn(45))]);
      });
      expect((await agent(scoped, token)).code).toBe(0);
      expect((await admin(company).user(email(55)))?.state).toBe('provisioned');
      expect((await admin(company).user(email(45)))?.state).toBe('deleted');
    });

    it('the directory going away mid-search fails the run loudly and deprovisions nobody', async () => {
      const before = live(await admin(company).users()).length;
      const snapshots = (await admin(company).snapshots()).length;
      const proxy = await startCuttingProxy(slapd.port, 3000);
      try {
        const run = await agent(adConfig({ ldap: { urls: [proxy.url] } }), token);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/Run failed: LDAP search under ou=people,dc=acme,dc=test .* failed/);
      } finally {
        await proxy.close();
      }
      expect(live(await admin(company).users())).toHaveLength(before);
      expect(await admin(company).snapshots()).toHaveLength(snapshots);
      const connector = await admin(company).connector();
      expect(connector.lastRun).toMatchObject({ result: 'failed', snapshotId: null, error: expect.stringContaining('LDAP search') });
      expect(connector.recentErrors[0].id).toBe(connector.lastRun.id);
    });

    it('a stopped server fails the run; the next server of the list is used when the first does not answer', async () => {
      await slapd.stop();
      try {
        const run = await agent(adConfig(), token);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('No LDAP server could be used');
      } finally {
        await slapd.start();
      }
      const failover = await agent(adConfig({ ldap: { urls: ['ldap://127.0.0.1:9', slapd.url] } }), token);
      expect(failover.stderr).toContain(`Bound to ${slapd.url}`);
      expect(failover.code).toBe(0);
    });

    it('a bind refused or an empty result sends nothing', async () => {
      const snapshots = (await admin(company).snapshots()).length;
      const refused = await runAgent(['--config', writeAgentConfig(adConfig()), '--once'], {
        DPS_CONNECTOR_TOKEN: token,
        LDAP_BIND_PASSWORD: 'wrong-password',
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('invalid credentials');
      expect(refused.stderr).not.toContain('wrong-password');

      const empty = await agent(adConfig({ users: { filter: '(mail=nobody@acme.test)' } }), token);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('The directory returned no users in scope: nothing was sent');
      expect(await admin(company).snapshots()).toHaveLength(snapshots);
    });

    it('a dry run prints the difference and changes nothing', async () => {
      await inDirectory(async (client) => {
        await client.modify(userDn(20), [change('replace', 'userAccountControl', '514')]);
      });
      const scoped = adConfig({ onlyMembersOf: [groupDn('Everyone')], sync: { maxDeletePercent: 40 } });
      const run = await agent(scoped, token, ['--dry-run']);
      expect(run.stderr).toContain('(dry run)');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`user.disable ${email(20)}`);
      expect((await admin(company).user(email(20)))?.state).toBe('provisioned');
      expect((await admin(company).connector()).lastRun).toMatchObject({ result: 'dry-run' });
    });

    it('a mass deletion is held for an admin, shown on the tab, and applied once confirmed', async () => {
      const before = live(await admin(company).users()).length;
      const salesOnly = adConfig({ onlyMembersOf: [groupDn('Sales')], sync: { maxDeletePercent: 40 } });
      const run = await agent(salesOnly, token);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('is held for an admin');
      expect(live(await admin(company).users())).toHaveLength(before);

      const connector = await admin(company).connector();
      expect(connector.lastRun).toMatchObject({ result: 'held' });
      expect(connector.heldSnapshots).toHaveLength(1);
      const held = connector.heldSnapshots[0];
      expect(held.id).toBe(connector.lastRun.snapshotId);
      await app.http.post(`/api/admin/directory-sync/snapshots/${held.id}/confirm`).set(bearer(company.superAdminKey)).expect(200);
      expect(
        live(await admin(company).users())
          .map((user) => user.userName)
          .sort(),
      ).toEqual(emails(range(30, 40)));
      expect((await admin(company).connector()).heldSnapshots).toEqual([]);
    });

    it('a reset token stops the old one at once', async () => {
      const reset = await app.http
        .post('/api/admin/directory-integrations/active-directory/token/reset')
        .set(bearer(company.superAdminKey))
        .expect(201);
      expect(reset.body.token).toMatch(/^dpsconn_/);
      const run = await agent(adConfig(), token);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('This connector token was replaced');
      expect(run.stderr).not.toContain(token);
      token = reset.body.token;
    });
  });

  it('reads over LDAPS or StartTLS with the CA file, and refuses a certificate it cannot verify', async () => {
    const company = await createCompany(app);
    const token = await connectorToken(company);
    const ldaps = await agent(adConfig({ ldap: { urls: [slapd.ldapsUrl], caFile: slapd.caFile } }), token);
    expect(ldaps.stderr).toContain(`Bound to ${slapd.ldapsUrl}`);
    expect(ldaps.code).toBe(0);
    const startTls = await agent(adConfig({ ldap: { startTls: true, caFile: slapd.caFile } }), token);
    expect(startTls.code).toBe(0);

    const untrusted = await agent(adConfig({ ldap: { urls: [slapd.ldapsUrl] } }), token);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/No LDAP server could be used: ldaps:.*certificate/);
    const plainStartTls = await agent(adConfig({ ldap: { startTls: true } }), token);
    expect(plainStartTls.code).toBe(1);
  });

  it('OpenLDAP: entryUUID as the externalId, the password-policy lock as disabled', async () => {
    const company = await createCompany(app);
    const token = await connectorToken(company);
    const config = {
      ...adConfig({ users: { baseDns: [STAFF] } }),
      groups: {},
      mapping: { userName: 'mail', externalId: 'entryUUID' },
    };
    const run = await agent(config, token);
    expect(run.code).toBe(0);
    const users = await admin(company).users();
    expect(users.map((user) => [user.userName, user.state]).sort()).toEqual([
      ['ann@staff.acme.test', 'provisioned'],
      ['bob@staff.acme.test', 'disabled'],
      ['cid@staff.acme.test', 'provisioned'],
    ]);
    expect(users[0].externalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('survives a service outage with bounded retries, then fails the run', async () => {
    const company = await createCompany(app);
    const token = await connectorToken(company);
    const run = await agent(adConfig({ service: { url: 'http://127.0.0.1:9' }, retry: { attempts: 3 } }), token);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('attempt 3 of 3');
    expect(run.stderr).toContain('did not answer PUT /settings after 3 attempts');
  });

  describe('configuration errors exit 2 naming the key', () => {
    const cases: [string, (config: Item) => Item, string][] = [
      ['an unknown key', (config) => ({ ...config, ldap: { ...config.ldap, bindPasword: 'x' } }), 'ldap.bindPasword: unknown key'],
      [
        'a password written in the file',
        (config) => ({ ...config, ldap: { ...config.ldap, bindPassword: 'hunter2' } }),
        'ldap.bindPassword: must not be written in the configuration',
      ],
      [
        'an unset variable',
        (config) => ({ ...config, ldap: { ...config.ldap, bindPassword: { env: 'NOT_SET_ANYWHERE' } } }),
        'ldap.bindPassword.env: the environment variable NOT_SET_ANYWHERE is not set',
      ],
      [
        'a bad server URL',
        (config) => ({ ...config, ldap: { ...config.ldap, urls: [slapd.url, 'http://dc1'] } }),
        'ldap.urls[1]: must be ldap://',
      ],
      [
        'a bad action',
        (config) => ({ ...config, sync: { deprovisionAction: 'remove' } }),
        'sync.deprovisionAction: must be one of disable, delete',
      ],
      [
        'a bad percentage',
        (config) => ({ ...config, sync: { maxDeletePercent: 150 } }),
        'sync.maxDeletePercent: must be a whole number from 0 to 100',
      ],
      ['no base DN', (config) => ({ ...config, users: {} }), 'users.baseDns: is required'],
    ];

    it.each(cases)('%s', async (_, change, message) => {
      const run = await agent(change(adConfig()), 'dpsconn_unused');
      expect(run.stderr).toContain(message);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toContain('hunter2');
    });

    it('a missing or unreadable file', async () => {
      const missing = await runAgent(['--config', '/nonexistent/connector.yaml'], {});
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--config: cannot read /nonexistent/connector.yaml');
      const path = writeAgentConfig({});
      writeFileSync(path, 'ldap: [unclosed');
      expect((await runAgent(['--config', path], {})).stderr).toContain('is not valid YAML');
    });
  });
});
