import { DataSource } from 'typeorm';
import { createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany, uniqueEmail } from './support/factories';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, scim, ScimResource, USER_SCHEMA } from './support/scim-client';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually } from './support/wait-for';

interface Entry {
  provider: string;
  operation: string;
  resourceType: string;
  resourceId: string | null;
  userName: string | null;
  status: number;
  outcome: string;
  detail: string | null;
}

const DEACTIVATE = { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };

function admin(app: TestApp, company: TestCompany) {
  const auth = bearer(company.superAdminKey);
  return {
    get: (path: string) => app.http.get(`/api/admin${path}`).set(auth),
    post: (path: string, body?: object) => app.http.post(`/api/admin${path}`).set(auth).send(body),
    patch: (path: string, body?: object) => app.http.patch(`/api/admin${path}`).set(auth).send(body),
  };
}

/** The company's sync-log entries of one provider with this outcome, once `count` of them are written. */
async function entries(app: TestApp, company: TestCompany, provider: string, outcome: string, count: number): Promise<Entry[]> {
  return eventually(async () => {
    const page = await admin(app, company).get(`/sync-log?provider=${provider}&outcome=${outcome}&limit=200`).expect(200);
    expect(page.body.items).toHaveLength(count);
    return page.body.items as Entry[];
  });
}

describe('one owner per user and group', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function twoProviders(): Promise<{ company: TestCompany; okta: string; entra: string }> {
    const company = await createCompany(app);
    return {
      company,
      okta: await createProvisioningToken(app, company, 'okta'),
      entra: await createProvisioningToken(app, company, 'entra-id'),
    };
  }

  it('shows another source’s user to a lookup, answers its PATCH, PUT and DELETE with the user as it is, and logs each as skipped', async () => {
    const { company, okta, entra } = await twoProviders();
    const user = await createUser(app, okta, { externalId: 'okta-1', displayName: 'Ada Okta' });

    // The lookup finds the user, so Entra ID does not create a duplicate; its create is the usual 409.
    const lookup = await scim(app, entra)
      .get(`/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`)
      .expect(200);
    expect(lookup.body.totalResults).toBe(1);
    expect(lookup.body.Resources[0].id).toBe(user.id);
    await scim(app, entra)
      .post('/Users', { schemas: [USER_SCHEMA], userName: user.userName })
      .expect(409);

    const patched = await scim(app, entra).patch(`/Users/${user.id}`, DEACTIVATE).expect(200);
    expect(patched.body).toMatchObject({ id: user.id, active: true, displayName: 'Ada Okta', externalId: 'okta-1' });
    const replaced = await scim(app, entra)
      .put(`/Users/${user.id}`, { schemas: [USER_SCHEMA], userName: user.userName, displayName: 'Ada Entra', externalId: 'entra-1' })
      .expect(200);
    expect(replaced.body).toMatchObject({ displayName: 'Ada Okta', externalId: 'okta-1' });
    expect(replaced.headers.etag).toBe(patched.headers.etag);
    await scim(app, entra).delete(`/Users/${user.id}`).expect(204);

    // Nothing was applied: the user is as Okta left it, and Okta still changes it.
    const current = await scim(app, okta).get(`/Users/${user.id}`).expect(200);
    expect(current.body).toMatchObject({ active: true, displayName: 'Ada Okta', externalId: 'okta-1' });
    expect(current.headers.etag).toBe(patched.headers.etag);
    await scim(app, okta)
      .patch(`/Users/${user.id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: 'Ada L.' }] })
      .expect(200);

    const skipped = await entries(app, company, 'entra-id', 'skipped', 3);
    expect(skipped.map((entry) => [entry.operation, entry.status])).toEqual([
      ['delete', 204],
      ['replace', 200],
      ['patch', 200],
    ]);
    for (const entry of skipped) {
      expect(entry).toMatchObject({ resourceType: 'User', resourceId: user.id, userName: user.userName });
      expect(entry.detail).toBe(`User ${user.userName} is managed by the okta directory integration: only that source changes it`);
    }
    // Not counted as failures (the 409 of the create is), but as conflicts on Entra ID's tab.
    await entries(app, company, 'entra-id', 'failure', 1);
    const tab = await admin(app, company).get('/directory-integrations/entra-id').expect(200);
    expect(tab.body.conflicts.last24Hours).toBe(3);
    expect(tab.body.conflicts.latestSummary).toBe(
      `delete User ${user.userName}: 204: User ${user.userName} is managed by the okta directory integration: only that source changes it`,
    );
    expect(tab.body.failures.last24Hours).toBe(1);
    const oktaTab = await admin(app, company).get('/directory-integrations/okta').expect(200);
    expect(oktaTab.body.conflicts.last24Hours).toBe(0);

    const shown = await admin(app, company).get(`/users/${user.id}`).expect(200);
    expect(shown.body.managedBy).toEqual({ integrationId: oktaTab.body.integrationId, provider: 'okta' });
  });

  it('answers another source’s user in a Bulk request the same way: the operation succeeds, logged as skipped', async () => {
    const { company, okta, entra } = await twoProviders();
    const user = await createUser(app, okta);
    const own = await createUser(app, entra);
    const bulk = await scim(app, entra)
      .post('/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          { method: 'PATCH', path: `/Users/${user.id}`, data: DEACTIVATE },
          { method: 'PATCH', path: `/Users/${own.id}`, data: DEACTIVATE },
          { method: 'DELETE', path: `/Users/${user.id}` },
        ],
      })
      .expect(200);
    expect(bulk.body.Operations.map((operation: ScimResource) => operation.status)).toEqual(['200', '200', '204']);
    expect((await scim(app, okta).get(`/Users/${user.id}`).expect(200)).body.active).toBe(true);
    expect((await scim(app, entra).get(`/Users/${own.id}`).expect(200)).body.active).toBe(false);
    const skipped = await entries(app, company, 'entra-id', 'skipped', 2);
    expect(skipped.map((entry) => [entry.operation, entry.resourceId])).toEqual([
      ['delete', user.id],
      ['patch', user.id],
    ]);
    // Entra ID's create of its own user, its own PATCH, and the Bulk request itself.
    await entries(app, company, 'entra-id', 'success', 3);
  });

  it('lets a group’s source add any user to it, and skips changes to a group another source manages', async () => {
    const { company, okta, entra } = await twoProviders();
    const oktaUser = await createUser(app, okta);
    const entraUser = await createUser(app, entra);
    const oktaGroup = await createGroup(app, okta, { members: members([oktaUser]) });

    // Groups reference users: Okta's group may hold a user Entra ID manages.
    await scim(app, okta)
      .patch(`/Groups/${oktaGroup.id}`, {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'add', path: 'members', value: members([entraUser]) }],
      })
      .expect(204);
    const added = await scim(app, okta).get(`/Groups/${oktaGroup.id}`).expect(200);
    expect(added.body.members.map((member: ScimResource) => member.value).sort()).toEqual([oktaUser.id, entraUser.id].sort());

    // Entra ID's membership change, rename and delete of Okta's group are answered and not applied.
    const removal = { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'Remove', path: 'members', value: members([entraUser]) }] };
    const answered = await scim(app, entra).patch(`/Groups/${oktaGroup.id}?attributes=members`, removal).expect(200);
    expect(answered.body.members).toHaveLength(2);
    await scim(app, entra).patch(`/Groups/${oktaGroup.id}`, removal).expect(204);
    await scim(app, entra)
      .put(`/Groups/${oktaGroup.id}`, { schemas: [GROUP_SCHEMA], displayName: 'Renamed by Entra', members: [] })
      .expect(200);
    await scim(app, entra).delete(`/Groups/${oktaGroup.id}`).expect(204);
    const group = await scim(app, okta).get(`/Groups/${oktaGroup.id}`).expect(200);
    expect(group.body.displayName).toBe(oktaGroup.displayName);
    expect(group.body.members).toHaveLength(2);

    const skipped = await entries(app, company, 'entra-id', 'skipped', 4);
    expect(skipped.every((entry) => entry.resourceType === 'Group')).toBe(true);
    expect(skipped[0].detail).toBe(
      `Group ${oktaGroup.displayName} is managed by the okta directory integration: only that source changes it`,
    );

    const listed = await admin(app, company).get(`/groups/${oktaGroup.id}/members`).expect(200);
    expect(listed.body.group.managedBy).toMatchObject({ provider: 'okta' });
  });

  it('keeps an admin’s override on a managed user; the managing source’s next change applies on top', async () => {
    const { company, okta, entra } = await twoProviders();
    const user = await createUser(app, okta);

    await admin(app, company).post(`/users/${user.id}/disable`).expect(200);
    expect((await scim(app, okta).get(`/Users/${user.id}`).expect(200)).body.active).toBe(false);
    const audit = await admin(app, company).get('/audit-log').expect(200);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'user.disable', targetId: user.id }));

    // Entra ID cannot re-enable it; Okta can.
    const reactivate = { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { active: true } }] };
    expect((await scim(app, entra).patch(`/Users/${user.id}`, reactivate).expect(200)).body.active).toBe(false);
    expect((await scim(app, okta).patch(`/Users/${user.id}`, reactivate).expect(200)).body.active).toBe(true);

    await admin(app, company).post(`/users/${user.id}/disable`).expect(200);
    await app.http.delete(`/api/admin/users/${user.id}`).set(bearer(company.superAdminKey)).expect(204);
    await scim(app, okta).get(`/Users/${user.id}`).expect(404);
  });

  it('moves a company from Okta to Entra ID: one transfer, then Entra ID finds, patches and manages what Okta provisioned', async () => {
    const { company, okta, entra } = await twoProviders();
    const ada = await createUser(app, okta, { externalId: '00u-ada' });
    const bob = await createUser(app, okta, { externalId: '00u-bob' });
    const group = await createGroup(app, okta, { members: members([ada, bob]) });
    const other = await createUser(app, entra);

    const transfer = await admin(app, company).post('/directory-integrations/okta/transfer', { toProvider: 'Entra-ID' }).expect(200);
    expect(transfer.body).toEqual({ fromProvider: 'okta', toProvider: 'entra-id', users: 2, groups: 1 });
    const audit = await admin(app, company).get('/audit-log').expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'directory_integration.ownership_transferred',
        details: expect.objectContaining({ provider: 'okta', toProvider: 'entra-id', users: 2, groups: 1 }),
      }),
    );
    const tabs = await admin(app, company).get('/directory-integrations').expect(200);
    const counters = Object.fromEntries(tabs.body.items.map((tab: ScimResource) => [tab.provider, tab.counters]));
    expect(counters.okta).toEqual({ users: 0, groups: 0 });
    expect(counters['entra-id']).toEqual({ users: 3, groups: 1 });

    // Entra ID matches by userName, then sets its own externalId (its objectId) and attributes.
    const found = await scim(app, entra)
      .get(`/Users?filter=${encodeURIComponent(`userName eq "${ada.userName}"`)}`)
      .expect(200);
    expect(found.body.Resources.map((user: ScimResource) => user.id)).toEqual([ada.id]);
    const adopted = await scim(app, entra)
      .patch(`/Users/${ada.id}`, {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'Replace', path: 'externalId', value: 'entra-object-ada' },
          { op: 'Add', path: 'title', value: 'Engineer' },
        ],
      })
      .expect(200);
    expect(adopted.body).toMatchObject({ externalId: 'entra-object-ada', title: 'Engineer' });
    const byExternalId = await scim(app, entra)
      .get(`/Users?filter=${encodeURIComponent('externalId eq "entra-object-ada"')}`)
      .expect(200);
    expect(byExternalId.body.totalResults).toBe(1);

    const groups = await scim(app, entra)
      .get(`/Groups?filter=${encodeURIComponent(`displayName eq "${group.displayName}"`)}&excludedAttributes=members`)
      .expect(200);
    expect(groups.body.Resources.map((found: ScimResource) => found.id)).toEqual([group.id]);
    await scim(app, entra)
      .patch(`/Groups/${group.id}`, {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'Add', path: 'members', value: [{ value: other.id, $ref: null }] },
          { op: 'Remove', path: 'members', value: [{ value: bob.id }] },
        ],
      })
      .expect(204);
    await scim(app, entra).patch(`/Users/${bob.id}`, DEACTIVATE).expect(200);
    const groupNow = await scim(app, entra).get(`/Groups/${group.id}`).expect(200);
    expect(groupNow.body.members.map((member: ScimResource) => member.value).sort()).toEqual([ada.id, other.id].sort());
    expect((await scim(app, entra).get(`/Users/${bob.id}`).expect(200)).body.active).toBe(false);

    // Okta's token still reads but changes nothing any more, and its writes show up as conflicts on its tab.
    expect(
      (
        await scim(app, okta)
          .patch(`/Users/${bob.id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { active: true } }] })
          .expect(200)
      ).body.active,
    ).toBe(false);
    await scim(app, okta).delete(`/Groups/${group.id}`).expect(204);
    await scim(app, entra).get(`/Groups/${group.id}`).expect(200);
    await entries(app, company, 'okta', 'skipped', 2);
    expect((await admin(app, company).get(`/users/${ada.id}`).expect(200)).body.managedBy.provider).toBe('entra-id');
    expect((await admin(app, company).get(`/groups/${group.id}/members`).expect(200)).body.group.managedBy.provider).toBe('entra-id');

    await admin(app, company).post('/directory-integrations/okta/transfer', { toProvider: 'okta' }).expect(400);
    await admin(app, company).post('/directory-integrations/okta/transfer', { toProvider: 'azure' }).expect(400);
  });

  // A second session holds the user while the transfer commits; the embedded database has only one session.
  (usesEmbeddedDatabase ? it.skip : it)('skips the old owner’s PATCH that read the user before a transfer committed', async () => {
    const { company, okta } = await twoProviders();
    const user = await createUser(app, okta);
    const entraTab = await admin(app, company).get('/directory-integrations/entra-id').expect(200);
    const transfer = app.running.app.get(DataSource).createQueryRunner();
    await transfer.connect();
    await transfer.startTransaction();
    try {
      const key = [company.companyId, user.id];
      // As system work (a pooled connection may still be in a company's scope).
      await transfer.query(`SELECT set_config('role', 'none', true), set_config('app.company_id', '', true)`);
      expect(await transfer.query(`SELECT 1 FROM user_accounts WHERE company_id = $1 AND id = $2 FOR UPDATE`, key)).toHaveLength(1);
      // Okta's PATCH reads the user as Okta's, then waits for the row.
      const patch = scim(app, okta)
        .patch(`/Users/${user.id}`, DEACTIVATE)
        .then((response) => response);
      await eventually(async () => {
        const [row]: { waiting: number }[] = await transfer.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(row.waiting).toBeGreaterThan(0);
      });
      // The transfer's own statement (UserAccountsRepository.transferManagement), committed while the PATCH waits.
      await transfer.query(
        `UPDATE user_accounts SET integration_id = $3, integration_provider = 'entra-id' WHERE company_id = $1 AND id = $2`,
        [...key, entraTab.body.integrationId],
      );
      await transfer.commitTransaction();
      const answered = await patch;
      expect(answered.status).toBe(200);
      expect(answered.body.active).toBe(true);
    } finally {
      await transfer.release();
    }
    const read = await admin(app, company).get(`/users/${user.id}`).expect(200);
    expect(read.body).toMatchObject({ state: 'provisioned', managedBy: { provider: 'entra-id' } });
    await entries(app, company, 'okta', 'skipped', 1);
  });

  describe('adoption of unmanaged users', () => {
    /** A user no source manages, as the console or a service would create it (the API has no route for it yet). */
    async function unmanagedUser(company: TestCompany): Promise<{ id: string; userName: string }> {
      const userName = uniqueEmail('console');
      const rows: { id: string }[] = await app.running.app
        .get(DataSource)
        .query(
          `INSERT INTO user_accounts (company_id, user_name, display_name, state) VALUES ($1, $2, 'From the console', 'active') RETURNING id`,
          [company.companyId, userName],
        );
      return { id: rows[0].id, userName };
    }

    it('is off by default: the create is a 409 and a change is skipped, so the user stays unmanaged', async () => {
      const { company, okta } = await twoProviders();
      const user = await unmanagedUser(company);
      const tab = await admin(app, company).get('/directory-integrations/okta').expect(200);
      expect(tab.body.adoptUnmanagedUsers).toBe(false);

      const conflict = await scim(app, okta)
        .post('/Users', { schemas: [USER_SCHEMA], userName: user.userName.toUpperCase() })
        .expect(409);
      expect(conflict.body.scimType).toBe('uniqueness');
      const patched = await scim(app, okta).patch(`/Users/${user.id}`, DEACTIVATE).expect(200);
      expect(patched.body).toMatchObject({ active: true, displayName: 'From the console' });
      const [skipped] = await entries(app, company, 'okta', 'skipped', 1);
      expect(skipped.detail).toMatch(/is not managed by a directory integration/);
      expect((await admin(app, company).get(`/users/${user.id}`).expect(200)).body.managedBy).toBeNull();
    });

    it('when on, a create of the same userName takes the user over with the provider’s profile, audit-logged', async () => {
      const { company, okta, entra } = await twoProviders();
      const user = await unmanagedUser(company);
      const changed = await admin(app, company).patch('/directory-integrations/okta', { adoptUnmanagedUsers: true }).expect(200);
      expect(changed.body.adoptUnmanagedUsers).toBe(true);
      await admin(app, company).patch('/directory-integrations/okta', { adoptUnmanagedUsers: 'yes' }).expect(400);

      const created = await scim(app, okta)
        .post('/Users', {
          schemas: [USER_SCHEMA],
          userName: user.userName,
          externalId: '00u-adopted',
          displayName: 'Okta Name',
          active: true,
        })
        .expect(201);
      expect(created.body).toMatchObject({ id: user.id, externalId: '00u-adopted', displayName: 'Okta Name', active: true });
      const shown = await admin(app, company).get(`/users/${user.id}`).expect(200);
      expect(shown.body).toMatchObject({ state: 'active', managedBy: { provider: 'okta' } });

      const audit = await admin(app, company).get('/audit-log').expect(200);
      const actions = audit.body.items.map((entry: ScimResource) => entry.action);
      expect(actions).toContain('directory_integration.adoption_changed');
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({ action: 'user.adopted', targetId: user.id, details: { userName: user.userName, provider: 'okta' } }),
      );
      // Adopted, the user is Okta's: another tab cannot take it, even with adoption on.
      await admin(app, company).patch('/directory-integrations/entra-id', { adoptUnmanagedUsers: true }).expect(200);
      await scim(app, entra)
        .post('/Users', { schemas: [USER_SCHEMA], userName: user.userName })
        .expect(409);
      expect((await scim(app, entra).patch(`/Users/${user.id}`, DEACTIVATE).expect(200)).body.active).toBe(true);
    });

    it('when on, a provider that looked the user up adopts it with its first change; a DELETE never adopts', async () => {
      const { company, entra } = await twoProviders();
      const kept = await unmanagedUser(company);
      const user = await unmanagedUser(company);
      await admin(app, company).patch('/directory-integrations/entra-id', { adoptUnmanagedUsers: true }).expect(200);

      await scim(app, entra).delete(`/Users/${kept.id}`).expect(204);
      expect((await admin(app, company).get(`/users/${kept.id}`).expect(200)).body).toMatchObject({ state: 'active', managedBy: null });

      const patched = await scim(app, entra)
        .patch(`/Users/${user.id}`, {
          schemas: [PATCH_OP_SCHEMA],
          Operations: [{ op: 'Replace', path: 'externalId', value: 'entra-object' }],
        })
        .expect(200);
      expect(patched.body.externalId).toBe('entra-object');
      expect((await admin(app, company).get(`/users/${user.id}`).expect(200)).body.managedBy.provider).toBe('entra-id');
    });
  });
});
