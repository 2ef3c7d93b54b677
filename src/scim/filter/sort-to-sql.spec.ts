import { GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { groupSortExpression, userSortExpression } from './sort-to-sql';

function rejection(sort: () => unknown): ScimError {
  try {
    sort();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('Expected the sort to be rejected');
}

describe(userSortExpression.name, () => {
  it('lists in creation order without sortBy', () => {
    expect(userSortExpression(undefined, undefined, 'u')).toBe('u.created_at ASC, u.id ASC');
    expect(userSortExpression('', 'descending', 'u')).toBe('u.created_at ASC, u.id ASC');
  });

  it('sorts case-insensitive strings by their lower case, by code point, with missing values last', () => {
    expect(userSortExpression('userName', undefined, 'u')).toBe(`NULLIF(u.user_name_key, '') COLLATE "C" ASC, u.id ASC`);
  });

  it('sorts case-exact strings as they are', () => {
    expect(userSortExpression('externalId', 'Descending', 'u')).toBe(`NULLIF(u.external_id, '') COLLATE "C" DESC, u.id DESC`);
  });

  it('sorts dates, sub-attributes and extension attributes', () => {
    expect(userSortExpression('meta.lastModified', 'descending', 'u')).toBe('u.updated_at DESC, u.id DESC');
    expect(userSortExpression('name.familyName', 'ascending', 'u')).toBe(
      `lower(NULLIF(u.attributes->'name'->>'familyName', '')) COLLATE "C" ASC, u.id ASC`,
    );
    expect(userSortExpression('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', undefined, 'u')).toBe(
      `lower(NULLIF(u.attributes->'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'->>'department', '')) COLLATE "C" ASC, u.id ASC`,
    );
  });

  it('sorts a multi-valued attribute by its primary, or else first, value', () => {
    const emails = `jsonb_array_elements(CASE WHEN jsonb_typeof(u.attributes->'emails') = 'array' THEN u.attributes->'emails' ELSE '[]'::jsonb END)`;
    const expected =
      `(SELECT lower(NULLIF(u_emails.v->>'value', '')) COLLATE "C" FROM ${emails} WITH ORDINALITY AS u_emails(v, position)` +
      ` ORDER BY (u_emails.v->'primary' = 'true'::jsonb) IS TRUE DESC, u_emails.position LIMIT 1) ASC, u.id ASC`;
    expect(userSortExpression('emails', undefined, 'u')).toBe(expected);
    expect(userSortExpression('emails.value', undefined, 'u')).toBe(expected);
  });

  it.each([
    ['shoeSize', 'Invalid sortBy: unknown attribute "shoeSize"'],
    ['groups', 'Invalid sortBy: "groups" cannot be sorted on'],
    ['groups.display', 'Invalid sortBy: "groups.display" cannot be sorted on'],
    ['name', 'Invalid sortBy: "name" cannot be sorted on'],
    ['password', 'Invalid sortBy: "password" cannot be filtered or sorted on'],
  ])('rejects sortBy=%s as an invalid value', (sortBy, detail) => {
    const error = rejection(() => userSortExpression(sortBy, undefined, 'u'));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(ScimErrorType.InvalidValue);
    expect(error.detail).toBe(detail);
  });

  it('rejects a sortOrder other than ascending or descending', () => {
    expect(rejection(() => userSortExpression('userName', 'up', 'u')).detail).toBe(
      'Invalid sortOrder "up": expected "ascending" or "descending"',
    );
  });
});

describe(groupSortExpression.name, () => {
  it('sorts by displayName', () => {
    expect(groupSortExpression('displayName', 'descending', 'g')).toBe(`NULLIF(g.display_name_key, '') COLLATE "C" DESC, g.id DESC`);
  });

  it('does not sort by members', () => {
    expect(rejection(() => groupSortExpression('members', undefined, 'g')).detail).toBe('Invalid sortBy: "members" cannot be sorted on');
  });
});

describe('sorting across Users and Groups (root search)', () => {
  it('sorts a type that lacks the attribute as all null, so by id', () => {
    expect(groupSortExpression('userName', 'descending', 'g', [USER_RESOURCE_SCHEMAS])).toBe('NULL::text DESC, g.id DESC');
    expect(userSortExpression('displayName', undefined, 'u', [GROUP_RESOURCE_SCHEMAS])).toBe(
      `lower(NULLIF(u.display_name, '')) COLLATE "C" ASC, u.id ASC`,
    );
  });

  it('still rejects an attribute neither type has', () => {
    expect(rejection(() => groupSortExpression('nickname2', undefined, 'g', [USER_RESOURCE_SCHEMAS])).detail).toBe(
      'Invalid sortBy: unknown attribute "nickname2"',
    );
  });
});
