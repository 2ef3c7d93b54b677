import { ScimMessageUri, ScimSchemaUri } from '../scim.constants';
import { ScimErrorType } from '../scim.error';
import { GroupChange } from '../../groups/group-change';
import { parsePatchRequest } from './patch-request';
import { planGroupPatch, PlannedGroupPatch } from './plan-group-patch';
import { scimErrorOf } from './testing/scim-error-of';

const GROUP_ID = 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b';

function planned(...operations: unknown[]): PlannedGroupPatch {
  return planGroupPatch(parsePatchRequest({ schemas: [ScimMessageUri.PatchOp], Operations: operations }), GROUP_ID);
}

function plan(...operations: unknown[]): GroupChange[] {
  return planned(...operations).steps;
}

describe(planGroupPatch.name, () => {
  describe('Okta', () => {
    it("renames with a no-path replace of {id, displayName}, the id being the group's own", () => {
      expect(plan({ op: 'replace', value: { id: GROUP_ID, displayName: 'Test SCIMv2' } })).toEqual([
        { kind: 'setDisplayName', value: 'Test SCIMv2' },
      ]);
    });

    it('adds members given with their display', () => {
      expect(plan({ op: 'add', path: 'members', value: [{ value: 'u1', display: 'test.user@okta.local' }] })).toEqual([
        { kind: 'addMembers', userIds: ['u1'] },
      ]);
    });

    it('removes a member named by a value filter', () => {
      expect(plan({ op: 'remove', path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' })).toEqual([
        { kind: 'removeMembers', userIds: ['89bb1940-b905-4575-9e7f-6f887cfb368e'] },
      ]);
    });

    it('replaces the whole member list, possibly with none', () => {
      expect(plan({ op: 'replace', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] })).toEqual([
        { kind: 'replaceMembers', userIds: ['u1', 'u2'] },
      ]);
      expect(plan({ op: 'replace', path: 'members', value: [] })).toEqual([{ kind: 'replaceMembers', userIds: [] }]);
    });
  });

  describe('Entra ID', () => {
    it('adds and removes members as capitalised value-list operations with "$ref": null', () => {
      expect(
        plan({
          op: 'Add',
          path: 'members',
          value: [
            { $ref: null, value: 'u1' },
            { $ref: null, value: 'u2' },
          ],
        }),
      ).toEqual([{ kind: 'addMembers', userIds: ['u1', 'u2'] }]);
      expect(plan({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u1' }] })).toEqual([
        { kind: 'removeMembers', userIds: ['u1'] },
      ]);
    });

    it('renames with "Replace" on displayName, and sets the externalId', () => {
      expect(plan({ op: 'Replace', path: 'displayName', value: 'Sales' }, { op: 'Replace', path: 'externalId', value: 'e1' })).toEqual([
        { kind: 'setDisplayName', value: 'Sales' },
        { kind: 'setExternalId', value: 'e1' },
      ]);
    });
  });

  it('removes all members without a value', () => {
    expect(plan({ op: 'remove', path: 'members' })).toEqual([{ kind: 'removeAllMembers' }]);
  });

  it('adds or replaces the members a no-path value holds', () => {
    expect(plan({ op: 'add', value: { members: [{ value: 'u1' }] } })).toEqual([{ kind: 'addMembers', userIds: ['u1'] }]);
    expect(plan({ op: 'replace', value: { displayName: 'Team', members: [{ value: 'u1' }] } })).toEqual([
      { kind: 'setDisplayName', value: 'Team' },
      { kind: 'replaceMembers', userIds: ['u1'] },
    ]);
  });

  it('clears the externalId with remove or null', () => {
    expect(plan({ op: 'remove', path: 'externalId' }, { op: 'add', path: 'displayName', value: 'T' })).toEqual([
      { kind: 'setExternalId', value: null },
      { kind: 'setDisplayName', value: 'T' },
    ]);
    expect(plan({ op: 'replace', path: 'externalId', value: null })).toEqual([{ kind: 'setExternalId', value: null }]);
  });

  it('reads paths in any case and URN-qualified', () => {
    const operations = [
      { op: 'replace', path: `${ScimSchemaUri.Group}:DISPLAYNAME`, value: 'Team' },
      { op: 'ADD', path: 'MEMBERS', value: [{ value: 'u1' }] },
    ];
    expect(plan(...operations)).toEqual([
      { kind: 'setDisplayName', value: 'Team' },
      { kind: 'addMembers', userIds: ['u1'] },
    ]);
  });

  it('accepts an echo of the id and the Group schema, and leaves meta to be compared with the group', () => {
    const { steps, echoes } = planned(
      { op: 'replace', path: 'id', value: GROUP_ID },
      { op: 'replace', path: 'meta.lastModified', value: '2024-01-01T00:00:00Z' },
      { op: 'replace', value: { schemas: [ScimSchemaUri.Group.toLowerCase()], meta: {} } },
      { op: 'add', path: 'schemas', value: ScimSchemaUri.Group },
    );
    expect(steps).toEqual([]);
    expect(echoes.map(({ target, value }) => [target.path, value])).toEqual([
      ['meta.lastModified', '2024-01-01T00:00:00Z'],
      ['meta', {}],
    ]);
  });

  it.each([
    [{ op: 'replace', path: 'id', value: 'g2' }],
    [{ op: 'replace', value: { id: 'g2', displayName: 'Team' } }],
    [{ op: 'remove', path: 'id' }],
    [{ op: 'remove', path: 'meta.created' }],
    [{ op: 'remove', path: 'schemas' }],
  ])('answers 400 mutability for changing or removing what is read-only: %j', (operation) => {
    expect(scimErrorOf(() => plan(operation))).toMatchObject({ status: 400, scimType: ScimErrorType.Mutability });
  });

  it.each([
    [{ op: 'replace', path: 'schemas', value: [ScimSchemaUri.User] }],
    [{ op: 'replace', path: 'schemas', value: [] }],
    [{ op: 'replace', value: { schemas: 'urn:example:nope' } }],
  ])('answers 400 invalidValue for a schemas list that is not the Group schema: %j', (operation) => {
    expect(scimErrorOf(() => plan(operation))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidValue });
  });

  it('collapses neighbouring steps of one kind and drops empty member changes', () => {
    expect(
      plan(
        { op: 'replace', value: { displayName: 'A' } },
        { op: 'replace', path: 'displayName', value: 'B' },
        { op: 'Add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] },
        { op: 'Add', path: 'members', value: [{ value: 'u2' }, { value: 'u3' }] },
        { op: 'Add', path: 'members', value: [] },
        { op: 'remove', path: 'members[value eq "u4"]' },
        { op: 'remove', path: 'members[value eq "u5"]' },
        { op: 'add', path: 'members', value: [{ value: 'u4' }] },
      ),
    ).toEqual([
      { kind: 'setDisplayName', value: 'B' },
      { kind: 'addMembers', userIds: ['u1', 'u2', 'u3'] },
      { kind: 'removeMembers', userIds: ['u4', 'u5'] },
      { kind: 'addMembers', userIds: ['u4'] },
    ]);
  });

  it.each([
    ['a member without value', { op: 'add', path: 'members', value: [{ display: 'x' }] }],
    ['a member with a numeric value', { op: 'Add', path: 'members', value: [{ value: 42 }] }],
    ['a member given as a bare id', { op: 'add', path: 'members', value: ['u1'] }],
    ['an empty displayName', { op: 'replace', path: 'displayName', value: ' ' }],
    ['a non-string displayName', { op: 'replace', path: 'displayName', value: { value: 'Team' } }],
    ['a non-object value without a path', { op: 'replace', value: 'Team' }],
  ])('answers 400 invalidValue for %s', (_case, operation) => {
    expect(scimErrorOf(() => plan(operation))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidValue });
  });

  it.each([
    [{ op: 'remove', path: 'displayName' }],
    [{ op: 'replace', path: 'displayName', value: null }],
    [{ op: 'replace', value: { displayName: null } }],
  ])('answers 400 mutability for unassigning the required displayName: %j', (operation) => {
    expect(scimErrorOf(() => plan(operation))).toMatchObject({ status: 400, scimType: ScimErrorType.Mutability });
  });

  it.each([
    [{ op: 'add', path: 'owners', value: [{ value: 'u1' }] }],
    [{ op: 'replace', value: { owners: [] } }],
    [{ op: 'add', path: 'members[value eq "u1"]', value: { value: 'u1' } }],
    [{ op: 'remove', path: 'members.value' }],
    [{ op: 'replace', path: 'members[value eq "u1"].display', value: 'x' }],
  ])('answers 400 invalidPath for %j', (operation) => {
    expect(scimErrorOf(() => plan(operation))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidPath });
  });

  it('answers 400 invalidFilter for a member filter other than value eq', () => {
    expect(scimErrorOf(() => plan({ op: 'remove', path: 'members[display eq "alice"]' }))).toMatchObject({
      status: 400,
      scimType: ScimErrorType.InvalidFilter,
    });
    expect(scimErrorOf(() => plan({ op: 'remove', path: 'members[value pr]' })).scimType).toBe(ScimErrorType.InvalidFilter);
  });
});
