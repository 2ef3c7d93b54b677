import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from '../../database/company-scoped-client';
import { USER_ACCOUNT_COLUMNS } from '../../accounts/user-accounts.columns';
import { resolveGroupConditions } from '../../accounts/user-group-conditions';
import { RecordCondition } from '../../common/query/record-query';
import { ColumnMap } from '../../database/query/column-map';
import { compileCondition, compileSort } from '../../database/query/record-query-compiler';
import { userIdsInGroupsStatement } from '../../groups/group-members.repository';
import { GROUP_COLUMNS } from '../../groups/groups.columns';
import { ScimError } from '../scim.error';
import { translateGroupFilter, translateUserFilter } from './filter-to-query';
import { FilterNode } from './filter.ast';
import { parseFilter } from './filter.parser';
import { userSort } from './sort-to-query';

/** Proves that the generated SQL runs, and selects the right rows, on PGlite (PostgreSQL 18) and on the PostgreSQL at DATABASE_URL. */

interface TestDatabase {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function openPglite(): Promise<TestDatabase> {
  const db = new PGlite();
  return {
    query: async (sql, params = []) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    close: () => db.close(),
  };
}

/** A throw-away schema, so that the tests leave the database as they found it. */
async function openPostgres(url: string): Promise<TestDatabase> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const schema = `filter_spec_${randomBytes(6).toString('hex')}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    query: async (sql, params = []) => (await client.query<Record<string, unknown>>(sql, params)).rows,
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** The schema the service runs on: every migration under migrations/, applied in order. */
async function migrate(db: TestDatabase): Promise<void> {
  const directory = join(__dirname, '..', '..', '..', 'migrations');
  const runner = { query: (sql: string, params?: unknown[]) => db.query(sql, params) } as unknown as QueryRunner;
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    const module = (await import(join(directory, file))) as Record<string, new () => MigrationInterface>;
    for (const Migration of Object.values(module)) await new Migration().up(runner);
  }
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const COMPANY = '0a000000-0000-4000-8000-000000000001';
const OTHER_COMPANY = '0a000000-0000-4000-8000-000000000002';
const EARLIER_COMPANY = '0a000000-0000-4000-8000-000000000003';
const ALICE = '1a000000-0000-4000-8000-000000000001';
const BOB = '1a000000-0000-4000-8000-000000000002';
const CAROL = '1a000000-0000-4000-8000-000000000003';
const DAVE = '1a000000-0000-4000-8000-000000000004';
const EVE = '1a000000-0000-4000-8000-000000000005';
const OTHER_ALICE = '1a000000-0000-4000-8000-000000000006';
const ENGINEERING = '2a000000-0000-4000-8000-000000000001';
const SALES = '2a000000-0000-4000-8000-000000000002';
const EMPTY = '2a000000-0000-4000-8000-000000000003';
const OTHER_ENGINEERING = '2a000000-0000-4000-8000-000000000004';

interface UserRow {
  company: string;
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  state: string;
  attributes: object;
  version: number;
  created: string;
  updated: string;
}

const USERS: UserRow[] = [
  {
    company: COMPANY,
    id: ALICE,
    userName: 'Alice@Acme.test',
    externalId: 'ext-Alice',
    displayName: 'Alice Liddell',
    state: 'active',
    attributes: {
      name: { givenName: 'Alice', familyName: 'Liddell' },
      title: 'Engineer',
      emails: [
        { value: 'alice@home.test', type: 'home' },
        { value: 'alice@acme.test', type: 'work', primary: true },
      ],
      [ENTERPRISE]: { department: 'R&D', employeeNumber: '701984', manager: { value: BOB } },
    },
    version: 3,
    created: '2024-01-01T00:00:00Z',
    updated: '2024-03-01T00:00:00Z',
  },
  {
    company: COMPANY,
    id: BOB,
    userName: 'bob@acme.test',
    externalId: 'ext-bob',
    displayName: 'Bob',
    state: 'provisioned',
    attributes: {
      name: { givenName: 'Bob' },
      emails: [{ value: 'bob@partner.test', type: 'work' }],
      [ENTERPRISE]: { department: 'Sales' },
    },
    version: 1,
    created: '2024-01-02T00:00:00Z',
    updated: '2024-01-15T00:00:00Z',
  },
  {
    company: COMPANY,
    id: CAROL,
    userName: 'carol@acme.test',
    externalId: null,
    displayName: null,
    state: 'disabled',
    attributes: {},
    version: 7,
    created: '2024-01-03T00:00:00Z',
    updated: '2024-06-01T00:00:00Z',
  },
  {
    company: COMPANY,
    id: DAVE,
    userName: 'dave@acme.test',
    externalId: 'ext-dave',
    displayName: 'Dave',
    state: 'deleted',
    attributes: { title: 'Engineer' },
    version: 2,
    created: '2024-01-04T00:00:00Z',
    updated: '2024-06-02T00:00:00Z',
  },
  {
    // Odd stored data: wildcards in the title, emails that are not an array.
    company: COMPANY,
    id: EVE,
    userName: 'eve@acme.test',
    externalId: 'ext-eve',
    displayName: null,
    state: 'active',
    attributes: { title: '100%_sure\\', emails: { value: 'eve@acme.test' } },
    version: 1,
    created: '2024-01-05T00:00:00Z',
    updated: '2023-12-01T00:00:00Z',
  },
  {
    company: OTHER_COMPANY,
    id: OTHER_ALICE,
    userName: 'alice@acme.test',
    externalId: 'ext-Alice',
    displayName: 'Alice Elsewhere',
    state: 'active',
    attributes: { title: 'Engineer' },
    version: 1,
    created: '2024-01-01T00:00:00Z',
    updated: '2024-06-01T00:00:00Z',
  },
];

const GROUPS = [
  { company: COMPANY, id: ENGINEERING, displayName: 'Engineering', externalId: 'grp-ext-1', members: [ALICE, CAROL] },
  { company: COMPANY, id: SALES, displayName: 'Sales', externalId: null, members: [BOB] },
  { company: COMPANY, id: EMPTY, displayName: 'Empty', externalId: null, members: [] },
  { company: OTHER_COMPANY, id: OTHER_ENGINEERING, displayName: 'Engineering', externalId: 'grp-ext-1', members: [OTHER_ALICE] },
];

async function seed(db: TestDatabase): Promise<void> {
  await migrate(db);
  // Statistics taken while another company held every row: as for a company that has just imported its users.
  await db.query(`INSERT INTO companies (id, name) VALUES ($1, 'Earlier')`, [EARLIER_COMPANY]);
  await db.query(
    `INSERT INTO user_accounts (company_id, user_name, external_id, state)
     SELECT $1, 'earlier' || n || '@acme.test', 'earlier-' || n, 'active' FROM generate_series(1, 2000) AS n`,
    [EARLIER_COMPANY],
  );
  await db.query(
    `INSERT INTO groups (company_id, display_name, external_id)
     SELECT $1, 'Earlier ' || n, 'earlier-group-' || n FROM generate_series(1, 2000) AS n`,
    [EARLIER_COMPANY],
  );
  await db.query('ANALYZE');
  await db.query(`INSERT INTO companies (id, name) VALUES ($1, 'Acme'), ($2, 'Other')`, [COMPANY, OTHER_COMPANY]);
  for (const user of USERS) {
    await db.query(
      `INSERT INTO user_accounts (company_id, id, user_name, external_id, display_name, state, attributes, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)`,
      [
        user.company,
        user.id,
        user.userName,
        user.externalId,
        user.displayName,
        user.state,
        JSON.stringify(user.attributes),
        user.version,
        user.created,
        user.updated,
      ],
    );
  }
  for (const group of GROUPS) {
    await db.query('INSERT INTO groups (company_id, id, display_name, external_id) VALUES ($1, $2, $3, $4)', [
      group.company,
      group.id,
      group.displayName,
      group.externalId,
    ]);
    for (const member of group.members) {
      await db.query('INSERT INTO group_members (company_id, group_id, user_id) VALUES ($1, $2, $3)', [group.company, group.id, member]);
    }
  }
}

/** The condition on users, its conditions on their groups resolved by the groups module's statement, as AccountsService does. */
async function userCondition(db: TestDatabase, filter: string): Promise<RecordCondition> {
  return resolveGroupConditions(translateUserFilter(parseFilter(filter)), async (groups) => {
    const statement = userIdsInGroupsStatement(groups);
    const rows = await db.query(statement.sql, [COMPANY, ...statement.params]);
    return rows.map((row) => String(row.user_id));
  });
}

/** The caller's query: company_id is $1 and deleted users are excluded, as the repositories do. */
async function userNames(db: TestDatabase, filter: string): Promise<string[]> {
  const where = compileCondition(await userCondition(db, filter), USER_ACCOUNT_COLUMNS, 1);
  const rows = await db.query(
    `SELECT u.user_name FROM user_accounts u WHERE u.company_id = $1 AND u.state <> 'deleted' AND (${where.sql}) ORDER BY u.user_name`,
    [COMPANY, ...where.params],
  );
  return rows.map((row) => String(row.user_name));
}

async function groupNames(db: TestDatabase, filter: string): Promise<string[]> {
  const where = compileCondition(translateGroupFilter(parseFilter(filter)), GROUP_COLUMNS, 1);
  const rows = await db.query(`SELECT g.display_name FROM groups g WHERE g.company_id = $1 AND (${where.sql}) ORDER BY g.display_name`, [
    COMPANY,
    ...where.params,
  ]);
  return rows.map((row) => String(row.display_name));
}

async function sortedUserNames(db: TestDatabase, sortBy: string, sortOrder?: string): Promise<string[]> {
  const rows = await db.query(
    `SELECT u.user_name FROM user_accounts u WHERE u.company_id = $1 AND u.state <> 'deleted' ORDER BY ${compileSort(userSort(sortBy, sortOrder), USER_ACCOUNT_COLUMNS)}`,
    [COMPANY],
  );
  return rows.map((row) => String(row.user_name));
}

/** A lookup as a repository sends it: `select` with the company as $1, and the filter compiled over `columns`. */
function lookup(translate: (filter: FilterNode) => RecordCondition, columns: ColumnMap, select: string) {
  return { select, compile: (filter: string) => compileCondition(translate(parseFilter(filter)), columns, 1) };
}

const alice = 'Alice@Acme.test';
const bob = 'bob@acme.test';
const carol = 'carol@acme.test';
const eve = 'eve@acme.test';

const USER_CASES: [string, string[]][] = [
  ['userName eq "ALICE@acme.TEST"', [alice]],
  ['email eq "ALICE@home.test"', [alice]],
  ['EMAIL eq "bob@ACME.test"', [bob]],
  ['email eq "bob@partner.test"', [bob]],
  ['email eq eve@acme.test', [eve]],
  ['email eq "nobody@acme.test"', []],
  [`email eq "${'x'.repeat(400)}"`, []],
  ['email co "@PARTNER."', [bob]],
  ['email sw "alice@"', [alice]],
  ['email pr', [alice, bob, carol, eve]],
  ['not (email eq "bob@partner.test") and email ew "acme.test"', [alice, carol, eve]],
  ['userName eq alice@acme.test', [alice]],
  ['userName eq "nobody@acme.test"', []],
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "BOB@acme.test"', [bob]],
  ['userName gt "c"', [carol, eve]],
  ['externalId eq "ext-Alice"', [alice]],
  ['externalId eq "EXT-ALICE"', []],
  ['externalId ne "ext-bob"', [alice, carol, eve]],
  ['displayName eq null', [carol, eve]],
  [`id eq "${ALICE}"`, [alice]],
  ['id eq "not-a-uuid"', []],
  ['id ne "not-a-uuid"', [alice, bob, carol, eve]],
  ['active eq true', [alice, bob, eve]],
  ['active eq false', [carol]],
  ['active eq "False"', [carol]],
  ['meta.lastModified gt "2024-02-01T00:00:00Z"', [alice, carol]],
  ['meta.lastModified le "2024-01-15T01:00:00+01:00"', [bob, eve]],
  ['meta.created eq "2024-01-02"', [bob]],
  ['meta.version eq "W/\\"3\\""', [alice]],
  ['meta.version ne "W/\\"3\\""', [bob, carol, eve]],
  ['name.givenName eq "bob"', [bob]],
  ['name pr', [alice, bob]],
  ['title ne "engineer"', [bob, carol, eve]],
  ['not (title eq "Engineer")', [bob, carol, eve]],
  ['title co "%"', [eve]],
  ['title co "_"', [eve]],
  ['title ew "\\\\"', [eve]],
  ['title sw "100%_"', [eve]],
  ['emails[type eq "work" and value co "@acme.test"]', [alice]],
  ['emails[type eq "work"].value eq "bob@partner.test"', [bob]],
  ['emails[type eq "home"].value eq "bob@partner.test"', []],
  ['emails[type eq "home"].value eq "alice@home.test"', [alice]],
  ['emails co "@HOME"', [alice]],
  ['emails.value ew ".test"', [alice, bob]],
  ['emails[primary eq true]', [alice]],
  ['emails pr', [alice, bob]],
  ['not (emails pr)', [carol, eve]],
  [`${ENTERPRISE}:department eq "r&d"`, [alice]],
  [`${ENTERPRISE}:employeeNumber eq 701984`, [alice]],
  [`${ENTERPRISE}:manager.value eq "${BOB}"`, [alice]],
  [`groups[value eq "${ENGINEERING}"]`, [alice, carol]],
  [`groups.value eq "${SALES}"`, [bob]],
  [`groups eq "${OTHER_ENGINEERING}"`, []],
  ['groups eq "not-a-uuid"', []],
  ['groups.display eq "engineering"', [alice, carol]],
  ['groups pr', [alice, bob, carol]],
  ['(userName sw "a" or userName sw "b") and not (active eq false)', [alice, bob]],
  ['userName sw "c" or title eq "engineer"', [alice, carol]],
  [`not (groups[value eq "${ENGINEERING}"] or emails pr)`, [eve]],
  ['userName eq "x\' OR 1=1 --"', []],
  ['title co "\'); DROP TABLE user_accounts; --"', []],
  ['userName eq "\\ud800"', []],
];

const GROUP_CASES: [string, string[]][] = [
  ['displayName eq "ENGINEERING"', ['Engineering']],
  ['externalId eq "grp-ext-1"', ['Engineering']],
  [`id eq "${ENGINEERING}" and members[value eq "${ALICE}"]`, ['Engineering']],
  [`id eq "${SALES}" and members[value eq "${ALICE}"]`, []],
  [`members.value eq "${BOB}"`, ['Sales']],
  [`members[value eq "${OTHER_ALICE}"]`, []],
  ['members[value eq "not-a-uuid"]', []],
  ['members pr', ['Engineering', 'Sales']],
  ['not (members pr)', ['Empty']],
  ['members[type eq "User"]', ['Engineering', 'Sales']],
  ['meta.resourceType eq "Group"', ['Empty', 'Engineering', 'Sales']],
];

const CLIENT_VALUES = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString())),
  fc.integer().map(String),
);

const ENGINES: [string, () => Promise<TestDatabase>][] = [['PGlite', openPglite]];
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) ENGINES.push(['PostgreSQL at DATABASE_URL', () => openPostgres(databaseUrl)]);

describe.each(ENGINES)(`${translateUserFilter.name} and ${translateGroupFilter.name} on %s`, (_engine, open) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await open();
    await seed(db);
  });

  afterAll(async () => {
    await db.close();
  });

  it.each(USER_CASES)('users: %s', async (filter, expected) => {
    expect(await userNames(db, filter)).toEqual(expected);
  });

  it.each(GROUP_CASES)('groups: %s', async (filter, expected) => {
    expect(await groupNames(db, filter)).toEqual(expected);
  });

  it('runs whatever value a client sends, or rejects the filter before the database sees it', async () => {
    const paths = [
      'email',
      'userName',
      'externalId',
      'id',
      'title',
      'emails',
      'emails.primary',
      'groups.value',
      'meta.lastModified',
      'meta.version',
      'active',
    ];
    const operators = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'le'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom(...operators), CLIENT_VALUES, async (path, operator, value) => {
        try {
          await userNames(db, `${path} ${operator} ${JSON.stringify(value)}`);
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
        }
      }),
      { numRuns: 300 },
    );
  });

  // As the service queries: under row-level security, where only leakproof conditions may use an index.
  it.each([
    ['users', 'userName eq "alice@acme.test"', 'UQ_user_accounts_user_name', 'user_name_key'],
    ['users', 'externalId eq "ext-Alice"', 'IDX_user_accounts_external_id', 'external_id'],
    ['groups', 'displayName eq "ENGINEERING"', 'UQ_groups_display_name', 'display_name_key'],
    ['groups', 'externalId eq "grp-ext-1"', 'IDX_groups_external_id', 'external_id'],
  ] as const)('lets the index serve the %s filter %s for the tenant role', async (resources, filter, index, column) => {
    const query =
      resources === 'users'
        ? lookup(
            translateUserFilter,
            USER_ACCOUNT_COLUMNS,
            `SELECT u.id FROM user_accounts u WHERE u.company_id = $1 AND u.state <> 'deleted'`,
          )
        : lookup(translateGroupFilter, GROUP_COLUMNS, 'SELECT g.id FROM groups g WHERE g.company_id = $1');
    const where = query.compile(filter);
    await db.query('BEGIN');
    try {
      await db.query("SELECT set_config('role', $1, true), set_config('app.company_id', $2, true)", [TENANT_ROLE, COMPANY]);
      const plan = await db.query(`EXPLAIN ${query.select} AND (${where.sql})`, [COMPANY, ...where.params]);
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).not.toMatch(/Seq Scan/);
      expect(text).toContain(index);
      expect(text).toMatch(new RegExp(`Index Cond: .*${column}`));
    } finally {
      await db.query('ROLLBACK');
    }
  });

  it('leaves the tables alone whatever the filter says', async () => {
    await userNames(db, 'title co "\'); DROP TABLE user_accounts; --"');
    expect(await userNames(db, 'userName pr')).toHaveLength(4);
  });

  it('sorts by a multi-valued attribute’s primary value, missing values last', async () => {
    expect(await sortedUserNames(db, 'emails')).toEqual([alice, bob, carol, eve]);
    expect(await sortedUserNames(db, 'emails', 'descending')).toEqual([eve, carol, bob, alice]);
  });

  it('sorts case-insensitively, missing values first when descending', async () => {
    expect(await sortedUserNames(db, 'name.givenName', 'descending')).toEqual([eve, carol, bob, alice]);
    expect(await sortedUserNames(db, 'userName')).toEqual([alice, bob, carol, eve]);
    expect(await sortedUserNames(db, 'active')).toEqual([carol, alice, bob, eve]);
  });
});
