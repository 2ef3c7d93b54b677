import { ScimError } from '../scim.error';
import { toGroupDefinition } from './scim-group.mapper';

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

  it.each([
    [{}],
    [{ displayName: ' ' }],
    [{ displayName: 3 }],
    [{ displayName: 'x', externalId: 4 }],
    [{ displayName: 'x', members: [{}] }],
  ])('refuses %j with a 400 invalidValue', (resource) => {
    let thrown: unknown;
    try {
      toGroupDefinition(resource);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScimError);
    expect(thrown).toMatchObject({ status: 400, scimType: 'invalidValue' });
  });
});
