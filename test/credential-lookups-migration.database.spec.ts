import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmptyDatabase, emptyDatabaseEngines, migratedAfterFilling } from './support/empty-database';

const CREDENTIAL_LOOKUPS = 1796300000000;
const HASH_INDEXES = [
  'UQ_admin_api_keys_key_hash',
  'UQ_directory_integrations_token_hash',
  'UQ_provisioning_api_keys_key_hash',
  'UQ_retired_provisioning_tokens_token_hash',
];

/** One company's credentials as the schema before this migration stored them. */
const stored = {
  companyId: randomUUID(),
  adminId: randomUUID(),
  adminKeyId: randomUUID(),
  adminKeyHash: randomBytes(32),
  oktaId: randomUUID(),
  tokenHash: randomBytes(32),
  retiredTokenHash: randomBytes(32),
  apiTabId: randomUUID(),
  apiKeyId: randomUUID(),
  apiKeyHash: randomBytes(32),
};

async function storeCredentials(dataSource: DataSource): Promise<void> {
  const s = stored;
  await dataSource.query(`INSERT INTO companies (id, name) VALUES ($1, 'Acme')`, [s.companyId]);
  await dataSource.query(`INSERT INTO admins (company_id, id, email, role) VALUES ($1, $2, 'owner@acme.test', 'super_admin')`, [
    s.companyId,
    s.adminId,
  ]);
  await dataSource.query(
    `INSERT INTO admin_api_keys (company_id, id, admin_id, key_hash, key_prefix) VALUES ($1, $2, $3, $4, 'dpsadm_a')`,
    [s.companyId, s.adminKeyId, s.adminId, s.adminKeyHash],
  );
  await dataSource.query(
    `INSERT INTO directory_integrations (company_id, id, provider, token_hash, token_prefix, token_created_at)
     VALUES ($1, $2, 'okta', $3, 'dpsscim_a', now())`,
    [s.companyId, s.oktaId, s.tokenHash],
  );
  await dataSource.query(
    `INSERT INTO retired_provisioning_tokens (company_id, token_hash, integration_id, token_prefix, reason)
     VALUES ($1, $2, $3, 'dpsscim_b', 'replaced')`,
    [s.companyId, s.retiredTokenHash, s.oktaId],
  );
  await dataSource.query(`INSERT INTO directory_integrations (company_id, id, provider) VALUES ($1, $2, 'provisioning-api')`, [
    s.companyId,
    s.apiTabId,
  ]);
  await dataSource.query(
    `INSERT INTO provisioning_api_keys (company_id, id, integration_id, name, scope, key_hash, key_prefix)
     VALUES ($1, $2, $3, 'script', 'read-write', $4, 'dpsprov_a')`,
    [s.companyId, s.apiKeyId, s.apiTabId, s.apiKeyHash],
  );
}

describe('CredentialLookups migration', () => {
  describe.each(emptyDatabaseEngines())('on %s', (_engine, emptyDatabase) => {
    let database: EmptyDatabase;
    let dataSource: DataSource;

    const hashIndexes = async (): Promise<string[]> =>
      (
        await dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1) ORDER BY 1`, [
          HASH_INDEXES,
        ])
      ).map((row: { indexname: string }) => row.indexname);
    const tokenOwner = async (hash: Buffer): Promise<string[]> =>
      (await dataSource.query('SELECT owner_integration_id FROM find_provisioning_token_owner($1)', [hash])).map(
        (row: { owner_integration_id: string }) => row.owner_integration_id,
      );

    beforeAll(async () => {
      database = await emptyDatabase();
      dataSource = await migratedAfterFilling(database.url, CREDENTIAL_LOOKUPS, storeCredentials);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.remove();
    });

    it('copies every stored hash, with its company and owning row, and drops the global hash indexes', async () => {
      const s = stored;
      const lookups: { hash: Buffer; kind: string; company_id: string; owner_id: string }[] = await dataSource.query(
        'SELECT hash, kind, company_id, owner_id FROM credential_lookups ORDER BY kind, owner_id',
      );
      const expected = [
        { hash: s.adminKeyHash, kind: 'admin-api-key', company_id: s.companyId, owner_id: s.adminKeyId },
        { hash: s.tokenHash, kind: 'integration-token', company_id: s.companyId, owner_id: s.oktaId },
        { hash: s.retiredTokenHash, kind: 'integration-token', company_id: s.companyId, owner_id: s.oktaId },
        { hash: s.apiKeyHash, kind: 'provisioning-api-key', company_id: s.companyId, owner_id: s.apiKeyId },
      ];
      expect(lookups).toHaveLength(expected.length);
      expect(lookups).toEqual(expect.arrayContaining(expected));
      expect(await hashIndexes()).toEqual([]);
    });

    it('finds the current token through the lookup, and never a retired one', async () => {
      expect(await tokenOwner(stored.tokenHash)).toEqual([stored.oktaId]);
      expect(await tokenOwner(stored.retiredTokenHash)).toEqual([]);
      expect(await tokenOwner(randomBytes(32))).toEqual([]);
    });

    it('reverts to the global hash indexes', async () => {
      await dataSource.undoLastMigration({ transaction: 'all' });
      const [table] = await dataSource.query(`SELECT to_regclass('credential_lookups') AS found`);
      expect(table.found).toBeNull();
      expect(await hashIndexes()).toEqual(HASH_INDEXES);
      expect(await tokenOwner(stored.tokenHash)).toEqual([stored.oktaId]);
    });
  });
});
