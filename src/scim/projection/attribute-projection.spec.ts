import { ScimSchemaUri } from '../scim.constants';
import { GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimErrorType } from '../scim.error';
import { scimErrorOf } from '../patch/testing/scim-error-of';
import { AttributeProjection } from './attribute-projection';

const user = {
  schemas: [ScimSchemaUri.User, ScimSchemaUri.EnterpriseUser],
  id: 'u1',
  userName: 'alice@acme.test',
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [
    { value: 'alice@acme.test', type: 'work', primary: true },
    { value: 'a@home.test', type: 'home' },
  ],
  [ScimSchemaUri.EnterpriseUser]: { department: 'Sales', manager: { value: 'm1', displayName: 'Boss' } },
  groups: [{ value: 'g1', display: 'Team' }],
  meta: { resourceType: 'User', version: 'W/"1"' },
};

const project = (attributes?: string, excluded?: string) =>
  AttributeProjection.parse(USER_RESOURCE_SCHEMAS, attributes, excluded).apply(user);

describe(AttributeProjection.name, () => {
  it('returns everything without parameters', () => {
    expect(project()).toEqual(user);
  });

  it('narrows to the named attributes plus id and schemas, case-insensitively', () => {
    expect(project('USERNAME')).toEqual({ schemas: user.schemas, id: 'u1', userName: 'alice@acme.test' });
  });

  it('narrows to sub-attributes, including of multi-valued attributes', () => {
    expect(project('name.givenName,emails.value')).toEqual({
      schemas: user.schemas,
      id: 'u1',
      name: { givenName: 'Alice' },
      emails: [{ value: 'alice@acme.test' }, { value: 'a@home.test' }],
    });
  });

  it('understands URN-qualified names', () => {
    expect(project(`${ScimSchemaUri.EnterpriseUser}:department,${ScimSchemaUri.User}:userName`)).toEqual({
      schemas: user.schemas,
      id: 'u1',
      userName: 'alice@acme.test',
      [ScimSchemaUri.EnterpriseUser]: { department: 'Sales' },
    });
    expect(project(`${ScimSchemaUri.EnterpriseUser}:manager.value`)).toMatchObject({
      [ScimSchemaUri.EnterpriseUser]: { manager: { value: 'm1' } },
    });
  });

  it('excludes attributes but never id or schemas', () => {
    const projected = project(undefined, 'groups,id,schemas,name.familyName');
    expect(projected.groups).toBeUndefined();
    expect(projected.id).toBe('u1');
    expect(projected.schemas).toEqual(user.schemas);
    expect(projected.name).toEqual({ givenName: 'Alice' });
  });

  it('tells whether an attribute will be returned, so it need not be loaded', () => {
    expect(AttributeProjection.parse(USER_RESOURCE_SCHEMAS, undefined, 'groups').returns('groups')).toBe(false);
    expect(AttributeProjection.parse(USER_RESOURCE_SCHEMAS, 'userName').returns('groups')).toBe(false);
    expect(AttributeProjection.parse(USER_RESOURCE_SCHEMAS, 'groups.display').returns('groups')).toBe(true);
    expect(AttributeProjection.everything.returns('groups')).toBe(true);
  });

  describe('value filters', () => {
    it('narrows a multi-valued attribute to the elements a filter selects, and to a sub-attribute of them', () => {
      expect(project('emails[type eq "work"]')).toEqual({ schemas: user.schemas, id: 'u1', emails: [user.emails[0]] });
      expect(project('userName,EMAILS[TYPE eq "Work"].value')).toEqual({
        schemas: user.schemas,
        id: 'u1',
        userName: 'alice@acme.test',
        emails: [{ value: 'alice@acme.test' }],
      });
      expect(project('emails[type eq "home"].type,emails[primary eq true].value')).toMatchObject({
        emails: [{ value: 'alice@acme.test' }, { type: 'home' }],
      });
      expect(project('emails,emails[type eq "home"]').emails).toEqual(user.emails);
      expect(project('emails[type eq "other"]')).toEqual({ schemas: user.schemas, id: 'u1' });
    });

    it('keeps commas inside a filter, also in a .search attributes array joined by commas', () => {
      expect(project('emails[value eq "a,b@x.test"],userName')).toEqual({ schemas: user.schemas, id: 'u1', userName: 'alice@acme.test' });
    });

    it('excludes the selected elements, or a sub-attribute of them', () => {
      expect(project(undefined, 'emails[type eq "work"]').emails).toEqual([user.emails[1]]);
      expect(project(undefined, 'emails[type eq "work"].primary').emails).toEqual([
        { value: 'alice@acme.test', type: 'work' },
        user.emails[1],
      ]);
      expect(project(undefined, 'emails[value pr]').emails).toBeUndefined();
      const excluding = AttributeProjection.parse(USER_RESOURCE_SCHEMAS, undefined, 'groups[display eq "Team"]');
      expect(excluding.returns('groups')).toBe(true);
      expect(AttributeProjection.parse(USER_RESOURCE_SCHEMAS, 'groups[display eq "Team"]').returns('groups')).toBe(true);
    });

    it('answers 400 invalidFilter for a filter on an attribute that takes none, or that it cannot read', () => {
      for (const list of [
        'userName[value eq "a"]',
        'name[givenName eq "A"]',
        'emails[type ne "work"]',
        'emails[type eq "work"',
        'emails[nope eq "x"]',
      ]) {
        expect(scimErrorOf(() => project(list))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidFilter });
      }
    });
  });

  describe('projectElements', () => {
    const members = [
      { value: 'u1', $ref: 'https://x/Users/u1', display: 'Alice', type: 'User' },
      { value: 'u2', $ref: 'https://x/Users/u2', display: 'Bob', type: 'User' },
    ];
    const elements = (attributes?: string, excludedAttributes?: string) =>
      AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, attributes, excludedAttributes).projectElements('members', members);

    it('returns every member by default, and none when members are excluded or not asked for', () => {
      expect(elements()).toEqual(members);
      expect(elements('displayName,MEMBERS')).toEqual(members);
      expect(elements(undefined, 'members')).toEqual([]);
      expect(elements('displayName')).toEqual([]);
    });

    it('narrows to the sub-attributes and the members asked for, leaving out members left empty', () => {
      expect(elements('members.value')).toEqual([{ value: 'u1' }, { value: 'u2' }]);
      expect(elements(undefined, 'members.$ref,members.type')).toEqual([
        { value: 'u1', display: 'Alice' },
        { value: 'u2', display: 'Bob' },
      ]);
      expect(elements('members[value eq "u2"]')).toEqual([members[1]]);
      expect(elements(undefined, 'members[value eq "u2"]')).toEqual([members[0]]);
      expect(elements(undefined, 'members.value,members.$ref,members.display,members.type')).toEqual([]);
    });
  });
});
