import { AttributeProjection } from '../projection/attribute-projection';
import { GROUP_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimError } from '../scim.error';
import { toGroupDefinition } from './scim-group.mapper';
import { returnedMemberKeys } from './scim-group.presenter';

describe(toGroupDefinition.name, () => {
  it('takes displayName, externalId and each member id once', () => {
    const definition = toGroupDefinition({
      displayName: 'Sales',
      externalId: 'ext',
      members: [{ value: 'a' }, { value: 'b', type: 'User' }, { value: 'a' }],
    });
    expect(definition).toEqual({ displayName: 'Sales', externalId: 'ext', memberIds: ['a', 'b'] });
  });

  it('reads a missing externalId and members as none', () => {
    expect(toGroupDefinition({ displayName: 'Sales' })).toEqual({ displayName: 'Sales', externalId: null, memberIds: [] });
  });

  it.each([[{}], [{ displayName: ' ' }], [{ displayName: 3 }], [{ displayName: 'x', externalId: 4 }], [{ displayName: 'x', members: [{}] }]])(
    'refuses %j with a 400 invalidValue',
    (resource) => {
      let thrown: unknown;
      try {
        toGroupDefinition(resource);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ScimError);
      expect(thrown).toMatchObject({ status: 400, scimType: 'invalidValue' });
    },
  );
});

describe(returnedMemberKeys.name, () => {
  const keys = (attributes?: string, excludedAttributes?: string) =>
    returnedMemberKeys(AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, attributes, excludedAttributes));

  it('returns every member sub-attribute by default', () => {
    expect(keys()).toEqual(['value', '$ref', 'display', 'type']);
    expect(keys('displayName,MEMBERS')).toEqual(['value', '$ref', 'display', 'type']);
  });

  it('returns none when members are excluded or not asked for, so that they are not read', () => {
    expect(keys(undefined, 'members')).toEqual([]);
    expect(keys('displayName')).toEqual([]);
  });

  it('narrows to the sub-attributes asked for', () => {
    expect(keys('members.value')).toEqual(['value']);
    expect(keys('members.value,members.display')).toEqual(['value', 'display']);
    expect(keys(undefined, 'members.$ref,members.type')).toEqual(['value', 'display']);
  });
});
