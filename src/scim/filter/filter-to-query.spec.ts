import fc from 'fast-check';
import { USER_ACCOUNT_COLUMNS } from '../../accounts/user-accounts.columns';
import { compileCondition } from '../../database/query/record-query-compiler';
import { GROUP_COLUMNS, MEMBERSHIP_GROUP_COLUMNS } from '../../groups/groups.columns';
import { GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { FilterQueryOptions, translateGroupFilter, translateUserFilter } from './filter-to-query';
import { parseFilter } from './filter.parser';

const USER_ID = '6f1c1a52-3c1e-4a53-9f7e-2d8e4b0c1a01';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EMAILS = `jsonb_array_elements(CASE WHEN jsonb_typeof(u.attributes->'emails') = 'array' THEN u.attributes->'emails' ELSE '[]'::jsonb END) AS u_emails(v)`;

/* The SQL the owners' repositories run for a filter: the users' and groups' column maps, compiled after the company id ($1). */
const userSql = (filter: string, paramOffset = 1, options: FilterQueryOptions = {}) =>
  compileCondition(translateUserFilter(parseFilter(filter), options), USER_ACCOUNT_COLUMNS, paramOffset);
const groupSql = (filter: string, options: FilterQueryOptions = {}) =>
  compileCondition(translateGroupFilter(parseFilter(filter), options), GROUP_COLUMNS, 1);

/** A filter on users' groups is the groups module's to resolve: the condition on the groups, as it compiles it. */
function membershipSql(filter: string) {
  const condition = translateUserFilter(parseFilter(filter));
  if (condition.kind !== 'related' || !condition.condition) throw new Error(`Expected a condition on the groups, not ${condition.kind}`);
  expect(condition.relation).toBe('groups');
  return compileCondition(condition.condition, MEMBERSHIP_GROUP_COLUMNS, 1);
}

function rejection(translate: () => unknown): ScimError {
  try {
    translate();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('Expected the filter to be rejected');
}

describe(translateUserFilter.name, () => {
  describe('the record query handed to accounts', () => {
    it('names the user’s fields with the schema’s case-exactness and typed values', () => {
      expect(translateUserFilter(parseFilter('USERNAME eq "Alice@Acme.test" and meta.created gt "2024-05-01"'))).toEqual({
        kind: 'and',
        conditions: [
          { kind: 'compare', field: { path: ['userName'], type: 'text', caseExact: false }, operator: 'eq', value: 'Alice@Acme.test' },
          {
            kind: 'compare',
            field: { path: ['meta', 'created'], type: 'timestamp', caseExact: true },
            operator: 'gt',
            value: '2024-05-01T00:00:00Z',
          },
        ],
      });
    });

    it('names extension attributes under the extension, and list elements relative to the element', () => {
      expect(translateUserFilter(parseFilter(`${ENTERPRISE}:department eq "R&D"`))).toEqual({
        kind: 'compare',
        field: { path: [ENTERPRISE, 'department'], type: 'text', caseExact: false },
        operator: 'eq',
        value: 'R&D',
      });
      expect(translateUserFilter(parseFilter('emails[primary eq "True"]'))).toEqual({
        kind: 'some',
        list: ['emails'],
        condition: { kind: 'compare', field: { path: ['primary'], type: 'boolean', caseExact: true }, operator: 'eq', value: true },
      });
    });

    it('reads `email` as the userName or any of the emails', () => {
      const condition = translateUserFilter(parseFilter('email eq "a@acme.test"'));
      expect(condition).toMatchObject({ kind: 'or', conditions: [{ field: { path: ['userName'] } }, { kind: 'some', list: ['emails'] }] });
    });
  });

  describe('columns', () => {
    it('compares userName case-insensitively in the form the unique index on user_name_key serves', () => {
      expect(userSql('userName eq "Alice@Acme.test"')).toEqual({ sql: 'u.user_name_key = lower($2)', params: ['Alice@Acme.test'] });
    });

    it('compares externalId exactly, so the (company_id, external_id) index serves it', () => {
      expect(userSql('externalId eq "AbC-1"')).toEqual({ sql: 'u.external_id = $2', params: ['AbC-1'] });
    });

    it('reads a number as its text when the attribute is a string', () => {
      expect(userSql('externalId eq 00012e1')).toEqual({ sql: 'u.external_id = $2', params: ['00012e1'] });
      expect(userSql('externalId eq 12e1')).toEqual({ sql: 'u.external_id = $2', params: ['12e1'] });
    });

    it('numbers placeholders after the caller’s parameters', () => {
      expect(userSql('userName eq "a" or externalId eq "b"', 0)).toEqual({
        sql: '(u.user_name_key = lower($1) OR u.external_id = $2)',
        params: ['a', 'b'],
      });
      expect(userSql('userName eq "a" or externalId eq "b"', 3).sql).toBe('(u.user_name_key = lower($4) OR u.external_id = $5)');
    });

    it('compares a UUID-shaped id as a uuid and anything else as text, which matches nothing instead of failing', () => {
      expect(userSql(`id eq "${USER_ID}"`)).toEqual({ sql: 'u.id = $2::uuid', params: [USER_ID] });
      expect(userSql('id eq "not-a-uuid"')).toEqual({ sql: 'lower(u.id::text) = lower($2)', params: ['not-a-uuid'] });
      expect(userSql('id sw "6f1c"')).toEqual({ sql: 'u.id::text ILIKE $2', params: ['6f1c%'] });
    });

    it('derives active from the account state', () => {
      expect(userSql('active eq true').sql).toBe("u.state IN ('provisioned', 'active')");
      expect(userSql('active eq false').sql).toBe("u.state = 'disabled'");
      expect(userSql('active ne true').sql).toBe("u.state = 'disabled'");
      expect(userSql('active pr').sql).toBe('TRUE');
    });

    it('accepts booleans sent as strings, as Entra ID does', () => {
      expect(userSql('active eq "False"').sql).toBe("u.state = 'disabled'");
    });

    it('compares meta dates as timestamptz, a missing offset meaning UTC', () => {
      expect(userSql('meta.lastModified gt "2024-05-01T10:00:00.5+02:00"')).toEqual({
        sql: 'u.updated_at > $2::timestamptz',
        params: ['2024-05-01T10:00:00.5+02:00'],
      });
      expect(userSql('meta.created le "2024-05-01T10:00:00"')).toEqual({
        sql: 'u.created_at <= $2::timestamptz',
        params: ['2024-05-01T10:00:00Z'],
      });
    });

    it('compares meta.version with the weak ETag it is served as', () => {
      expect(userSql('meta.version eq "W/\\"3\\""')).toEqual({ sql: 'u.version = $2', params: [3] });
      expect(userSql('meta.version ne "4"')).toEqual({ sql: 'u.version <> $2', params: [4] });
      expect(userSql('meta.version eq "W/\\"abc\\""')).toEqual({ sql: 'FALSE', params: [] });
      expect(userSql('meta.version eq "W/\\"99999999999\\""')).toEqual({ sql: 'FALSE', params: [] });
    });

    it('compares meta.resourceType with the resource type', () => {
      expect(userSql('meta.resourceType eq "User"')).toEqual({ sql: "'User'::text = $2", params: ['User'] });
    });
  });

  describe('operators', () => {
    it.each([
      ['co', '%a\\%b\\_c\\\\d%'],
      ['sw', 'a\\%b\\_c\\\\d%'],
      ['ew', '%a\\%b\\_c\\\\d'],
    ])('escapes LIKE wildcards for %s', (operator, pattern) => {
      expect(userSql(`title ${operator} "a%b_c\\\\d"`)).toEqual({ sql: "u.attributes->>'title' ILIKE $2", params: [pattern] });
    });

    it('uses LIKE for case-exact attributes', () => {
      expect(userSql('externalId co "x"')).toEqual({ sql: 'u.external_id LIKE $2', params: ['%x%'] });
    });

    it('orders strings by code point', () => {
      expect(userSql('userName ge "m"').sql).toBe('u.user_name_key COLLATE "C" >= lower($2)');
      expect(userSql('externalId lt "m"').sql).toBe('u.external_id COLLATE "C" < $2');
    });

    it('lets ne match a resource without the attribute', () => {
      expect(userSql('externalId ne "x"').sql).toBe('u.external_id IS DISTINCT FROM $2');
      expect(userSql('title ne "x"').sql).toBe("lower(u.attributes->>'title') IS DISTINCT FROM lower($2)");
    });

    it('reads pr of a string as neither null nor empty', () => {
      expect(userSql('title pr').sql).toBe("u.attributes->>'title' <> ''");
    });

    it('reads eq null as absent and ne null as present', () => {
      expect(userSql('title eq null').sql).toBe("(u.attributes->>'title' <> '') IS NOT TRUE");
      expect(userSql('title ne null').sql).toBe("u.attributes->>'title' <> ''");
    });

    it('makes not match resources whose comparison is NULL', () => {
      expect(userSql('not (title eq "x")').sql).toBe("(lower(u.attributes->>'title') = lower($2)) IS NOT TRUE");
    });

    it('parenthesises logical operators', () => {
      expect(userSql('title pr and (nickName pr or userType pr)').sql).toBe(
        "(u.attributes->>'title' <> '' AND (u.attributes->>'nickName' <> '' OR u.attributes->>'userType' <> ''))",
      );
    });
  });

  describe('jsonb attributes', () => {
    it('reads sub-attributes of single-valued complex attributes', () => {
      expect(userSql('name.givenName eq "Barbara"').sql).toBe("lower(u.attributes->'name'->>'givenName') = lower($2)");
    });

    it('reads enterprise attributes under the extension URN, whatever case the filter uses', () => {
      expect(userSql(`${ENTERPRISE.toUpperCase()}:DEPARTMENT eq "R&D"`).sql).toBe(
        `lower(u.attributes->'${ENTERPRISE}'->>'department') = lower($2)`,
      );
      expect(userSql(`${ENTERPRISE}:manager.value eq "m1"`).sql).toBe(
        `lower(u.attributes->'${ENTERPRISE}'->'manager'->>'value') = lower($2)`,
      );
    });

    it('accepts core attributes qualified with the core schema URN', () => {
      expect(userSql('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"').sql).toBe('u.user_name_key = lower($2)');
    });

    it('filters a value path on the elements of a multi-valued attribute', () => {
      expect(userSql('emails[type eq "work" and value co "@acme.test"]')).toEqual({
        sql: `EXISTS (SELECT 1 FROM ${EMAILS} WHERE (lower(u_emails.v->>'type') = lower($2) AND u_emails.v->>'value' ILIKE $3))`,
        params: ['work', '%@acme.test%'],
      });
    });

    it('requires one element to match both conditions in the Entra ID form', () => {
      expect(userSql('emails[type eq "work"].value eq "x@y"').sql).toBe(
        `EXISTS (SELECT 1 FROM ${EMAILS} WHERE (lower(u_emails.v->>'type') = lower($2) AND lower(u_emails.v->>'value') = lower($3)))`,
      );
    });

    it('compares a multi-valued attribute without a sub-attribute through its value', () => {
      expect(userSql('emails co "@x"').sql).toBe(`EXISTS (SELECT 1 FROM ${EMAILS} WHERE u_emails.v->>'value' ILIKE $2)`);
      expect(userSql('emails.value eq "a@x"').sql).toBe(`EXISTS (SELECT 1 FROM ${EMAILS} WHERE lower(u_emails.v->>'value') = lower($2))`);
    });

    it('reads pr of a multi-valued attribute as a non-empty array', () => {
      expect(userSql('emails pr').sql).toBe("(jsonb_typeof(u.attributes->'emails') = 'array' AND u.attributes->'emails' <> '[]'::jsonb)");
    });

    it('compares jsonb booleans as jsonb', () => {
      expect(userSql('emails[primary eq true]').sql).toBe(`EXISTS (SELECT 1 FROM ${EMAILS} WHERE u_emails.v->'primary' = 'true'::jsonb)`);
    });
  });

  describe('memberships', () => {
    it('finds the users of a group through the groups module, on the membership key', () => {
      expect(membershipSql(`groups[value eq "${USER_ID}"]`)).toEqual({ sql: 'gm.group_id = $2::uuid', params: [USER_ID] });
      expect(membershipSql(`groups.value eq "${USER_ID}"`)).toEqual(membershipSql(`groups[value eq "${USER_ID}"]`));
      expect(membershipSql('groups[display eq "Sales" and type eq "direct"]')).toEqual({
        sql: "(lower(g.display_name) = lower($2) AND lower('direct'::text) = lower($3))",
        params: ['Sales', 'direct'],
      });
    });

    it('compares a group id that is not a UUID as text', () => {
      expect(membershipSql('groups eq "nope"').sql).toBe('lower(gm.group_id::text) = lower($2)');
    });

    it('reads groups pr as belonging to any group, and leaves the users to find to the groups module', () => {
      expect(translateUserFilter(parseFilter('groups pr'))).toEqual({ kind: 'related', relation: 'groups' });
      expect(() => userSql('groups pr')).toThrow('must be resolved before it is compiled');
    });
  });

  describe('rejections', () => {
    it.each([
      ['foo eq "x"', 'Invalid filter: unknown attribute "foo"'],
      ['name.nickName eq "x"', 'Invalid filter: unknown attribute "name.nickName"'],
      [`${ENTERPRISE}:shoeSize eq "x"`, `Invalid filter: unknown attribute "${ENTERPRISE}:shoeSize"`],
      ['emails[kind eq "x"]', 'Invalid filter: unknown attribute "kind" in "emails[ ]"'],
      ['password eq "x"', 'Invalid filter: "password" cannot be filtered or sorted on'],
      ['meta.location eq "x"', 'Invalid filter: "meta.location" cannot be filtered or sorted on'],
      ['groups.$ref eq "x"', 'Invalid filter: "groups.$ref" cannot be filtered or sorted on'],
      ['active gt "x"', 'Invalid filter: "active" is a boolean and does not support the "gt" operator'],
      ['active eq "x"', 'Invalid filter: "active" must be compared with true or false, not "x"'],
      ['emails.primary co "t"', 'Invalid filter: "emails.primary" is a boolean and does not support the "co" operator'],
      [
        'meta.lastModified gt "not-a-date"',
        'Invalid filter: "meta.lastModified" must be compared with a dateTime such as "2024-01-31T09:30:00Z", not "not-a-date"',
      ],
      [
        'meta.lastModified gt "2024-02-30T00:00:00Z"',
        'Invalid filter: "meta.lastModified" must be compared with a dateTime such as "2024-01-31T09:30:00Z", not "2024-02-30T00:00:00Z"',
      ],
      [
        'meta.lastModified gt 20240101',
        'Invalid filter: "meta.lastModified" must be compared with a dateTime such as "2024-01-31T09:30:00Z", not 20240101',
      ],
      ['meta.created co "2024"', 'Invalid filter: "meta.created" is a dateTime and does not support the "co" operator'],
      ['meta.version gt "W/\\"1\\""', 'Invalid filter: "meta.version" is a version and does not support the "gt" operator'],
      ['userName eq true', 'Invalid filter: "userName" must be compared with a string, not true'],
      ['title gt null', 'Invalid filter: "title" can be compared with null only by "eq" or "ne"'],
      ['name eq "x"', 'Invalid filter: "name" is complex: compare one of its sub-attributes instead'],
      ['addresses co "x"', 'Invalid filter: "addresses" is complex: compare one of its sub-attributes instead'],
      ['userName[value eq "x"]', 'Invalid filter: "userName" has no sub-attributes to filter in [ ]'],
    ])('rejects %s', (filter, detail) => {
      const error = rejection(() => userSql(filter));
      expect(error.status).toBe(400);
      expect(error.scimType).toBe(ScimErrorType.InvalidFilter);
      expect(error.detail).toBe(detail);
    });
  });

  it('never writes a filter value into the SQL', () => {
    const attributes = ['userName', 'externalId', 'title', 'emails', 'name.givenName', 'groups.display', 'id'];
    const operators = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'le'];
    fc.assert(
      fc.property(
        fc.constantFrom(...attributes),
        fc.constantFrom(...operators),
        fc.string({ minLength: 1 }).map((text) => `zq${text}`),
        (attribute, operator, value) => {
          const filter = `${attribute} ${operator} ${JSON.stringify(value)}`;
          const { sql, params } = attribute.startsWith('groups.') ? membershipSql(filter) : userSql(filter);
          expect(sql).not.toContain(value);
          expect(params).toHaveLength(1);
        },
      ),
    );
  });
});

describe(translateGroupFilter.name, () => {
  it('compares displayName case-insensitively in the form the unique index on display_name_key serves', () => {
    expect(groupSql('displayName eq "Sales"')).toEqual({ sql: 'g.display_name_key = lower($2)', params: ['Sales'] });
  });

  it('compares externalId exactly', () => {
    expect(groupSql('externalId eq "x"')).toEqual({ sql: 'g.external_id = $2', params: ['x'] });
  });

  it('translates Entra ID’s membership check', () => {
    expect(groupSql(`id eq "${USER_ID}" and members[value eq "${USER_ID}"]`)).toEqual({
      sql:
        '(g.id = $2::uuid AND EXISTS (SELECT 1 FROM group_members g_gm WHERE g_gm.company_id = g.company_id' +
        ' AND g_gm.group_id = g.id AND (g_gm.user_id = $3::uuid)))',
      params: [USER_ID, USER_ID],
    });
  });

  it('reads members pr as having a member', () => {
    expect(groupSql('members pr').sql).toBe(
      'EXISTS (SELECT 1 FROM group_members g_gm WHERE g_gm.company_id = g.company_id AND g_gm.group_id = g.id)',
    );
  });

  it('knows every member is a User', () => {
    expect(groupSql('members[type eq "User"]').sql).toBe(
      "EXISTS (SELECT 1 FROM group_members g_gm WHERE g_gm.company_id = g.company_id AND g_gm.group_id = g.id AND (lower('User'::text) = lower($2)))",
    );
  });

  it.each([
    ['members.display eq "alice"', 'Invalid filter: "members.display" cannot be filtered or sorted on'],
    ['userName eq "x"', 'Invalid filter: unknown attribute "userName"'],
    [`${ENTERPRISE}:department eq "x"`, `Invalid filter: unknown attribute "${ENTERPRISE}:department"`],
  ])('rejects %s', (filter, detail) => {
    expect(rejection(() => groupSql(filter)).detail).toBe(detail);
  });
});

describe('a filter across Users and Groups (root search)', () => {
  const rootUserSql = (filter: string) => userSql(filter, 1, { searchedWith: [GROUP_RESOURCE_SCHEMAS] });
  const rootGroupSql = (filter: string) => groupSql(filter, { searchedWith: [USER_RESOURCE_SCHEMAS] });

  it('reads an attribute only Users have as unassigned on groups: it matches ne, not and eq null, nothing else', () => {
    expect(rootGroupSql('userName eq "a@acme.test"')).toEqual({ sql: 'FALSE', params: [] });
    expect(rootGroupSql('userName ne "a@acme.test"').sql).toBe('TRUE');
    expect(rootGroupSql('not (name.givenName sw "A")').sql).toBe('(FALSE) IS NOT TRUE');
    expect(rootGroupSql('title eq null').sql).toBe('(FALSE) IS NOT TRUE');
    expect(rootGroupSql('emails[type eq "work"] or emails pr').sql).toBe('(FALSE OR FALSE)');
    expect(rootGroupSql(`${ENTERPRISE}:manager.value eq "${USER_ID}"`).sql).toBe('FALSE');
  });

  it('keeps the attributes the type has, and combines both', () => {
    expect(rootGroupSql('userName eq "a" or displayName eq "Sales"')).toEqual({
      sql: '(FALSE OR g.display_name_key = lower($2))',
      params: ['Sales'],
    });
    expect(rootUserSql('members[value eq "x"] or userName eq "a"')).toEqual({
      sql: '(FALSE OR u.user_name_key = lower($2))',
      params: ['a'],
    });
  });

  it('still rejects what neither type has, or what the type has but cannot take', () => {
    expect(rejection(() => rootGroupSql('nickname2 eq "x"')).detail).toBe('Invalid filter: unknown attribute "nickname2"');
    expect(rejection(() => rootUserSql('active eq "maybe"')).scimType).toBe(ScimErrorType.InvalidFilter);
    expect(rejection(() => rootGroupSql('name.nope eq "x"')).detail).toBe('Invalid filter: unknown attribute "name.nope"');
  });
});
