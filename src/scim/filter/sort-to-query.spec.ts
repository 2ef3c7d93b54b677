import { USER_ACCOUNT_COLUMNS } from '../../accounts/user-accounts.columns';
import { compileSort } from '../../database/query/record-query-compiler';
import { GROUP_COLUMNS } from '../../groups/groups.columns';
import { GROUP_RESOURCE_SCHEMAS, ResourceSchemas, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { groupSort, userSort } from './sort-to-query';

/* The ORDER BY the owners' repositories run for a sortBy and sortOrder. */
const userOrderBy = (sortBy: string | undefined, sortOrder: string | undefined, searchedWith?: ResourceSchemas[]) =>
  compileSort(userSort(sortBy, sortOrder, searchedWith), USER_ACCOUNT_COLUMNS);
const groupOrderBy = (sortBy: string | undefined, sortOrder: string | undefined, searchedWith?: ResourceSchemas[]) =>
  compileSort(groupSort(sortBy, sortOrder, searchedWith), GROUP_COLUMNS);

function rejection(sort: () => unknown): ScimError {
  try {
    sort();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('Expected the sort to be rejected');
}

describe(userSort.name, () => {
  it('lists in creation order without sortBy', () => {
    expect(userOrderBy(undefined, undefined)).toBe('u.created_at ASC, u.id ASC');
    expect(userOrderBy('', 'descending')).toBe('u.created_at ASC, u.id ASC');
  });

  it('sorts case-insensitive strings by their lower case, by code point, with missing values last', () => {
    expect(userOrderBy('userName', undefined)).toBe(`NULLIF(u.user_name_key, '') COLLATE "C" ASC, u.id ASC`);
  });

  it('sorts case-exact strings as they are', () => {
    expect(userOrderBy('externalId', 'Descending')).toBe(`NULLIF(u.external_id, '') COLLATE "C" DESC, u.id DESC`);
  });

  it('sorts dates, sub-attributes and extension attributes', () => {
    expect(userOrderBy('meta.lastModified', 'descending')).toBe('u.updated_at DESC, u.id DESC');
    expect(userOrderBy('name.familyName', 'ascending')).toBe(
      `lower(NULLIF(u.attributes->'name'->>'familyName', '')) COLLATE "C" ASC, u.id ASC`,
    );
    expect(userOrderBy('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', undefined)).toBe(
      `lower(NULLIF(u.attributes->'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'->>'department', '')) COLLATE "C" ASC, u.id ASC`,
    );
  });

  it('sorts a multi-valued attribute by its primary, or else first, value', () => {
    const emails = `jsonb_array_elements(CASE WHEN jsonb_typeof(u.attributes->'emails') = 'array' THEN u.attributes->'emails' ELSE '[]'::jsonb END)`;
    const expected =
      `(SELECT lower(NULLIF(u_emails.v->>'value', '')) COLLATE "C" FROM ${emails} WITH ORDINALITY AS u_emails(v, position)` +
      ` ORDER BY (u_emails.v->'primary' = 'true'::jsonb) IS TRUE DESC, u_emails.position LIMIT 1) ASC, u.id ASC`;
    expect(userOrderBy('emails', undefined)).toBe(expected);
    expect(userOrderBy('emails.value', undefined)).toBe(expected);
  });

  it.each([
    ['shoeSize', 'Invalid sortBy: unknown attribute "shoeSize"'],
    ['groups', 'Invalid sortBy: "groups" cannot be sorted on'],
    ['groups.display', 'Invalid sortBy: "groups.display" cannot be sorted on'],
    ['name', 'Invalid sortBy: "name" cannot be sorted on'],
    ['password', 'Invalid sortBy: "password" cannot be filtered or sorted on'],
  ])('rejects sortBy=%s as an invalid value', (sortBy, detail) => {
    const error = rejection(() => userOrderBy(sortBy, undefined));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(ScimErrorType.InvalidValue);
    expect(error.detail).toBe(detail);
  });

  it('rejects a sortOrder other than ascending or descending', () => {
    expect(rejection(() => userOrderBy('userName', 'up')).detail).toBe('Invalid sortOrder "up": expected "ascending" or "descending"');
  });
});

describe(groupSort.name, () => {
  it('sorts by displayName', () => {
    expect(groupOrderBy('displayName', 'descending')).toBe(`NULLIF(g.display_name_key, '') COLLATE "C" DESC, g.id DESC`);
  });

  it('does not sort by members', () => {
    expect(rejection(() => groupOrderBy('members', undefined)).detail).toBe('Invalid sortBy: "members" cannot be sorted on');
  });
});

describe('sorting across Users and Groups (root search)', () => {
  it('sorts a type that lacks the attribute as all null, so by id', () => {
    expect(groupOrderBy('userName', 'descending', [USER_RESOURCE_SCHEMAS])).toBe('NULL::text DESC, g.id DESC');
    expect(userOrderBy('displayName', undefined, [GROUP_RESOURCE_SCHEMAS])).toBe(
      `lower(NULLIF(u.display_name, '')) COLLATE "C" ASC, u.id ASC`,
    );
  });

  it('still rejects an attribute neither type has', () => {
    expect(rejection(() => groupOrderBy('nickname2', undefined, [USER_RESOURCE_SCHEMAS])).detail).toBe(
      'Invalid sortBy: unknown attribute "nickname2"',
    );
  });
});
