import { ScimErrorType } from '../scim.error';
import { readMemberIds } from './member-ids';
import { scimErrorOf } from './testing/scim-error-of';

describe(readMemberIds.name, () => {
  it('reads the ids of a member list once each, ignoring display and "$ref"', () => {
    expect(readMemberIds([{ value: 'u1', display: 'a@acme.test' }, { $ref: null, value: 'u2' }, { Value: 'u1' }])).toEqual(['u1', 'u2']);
  });

  it('takes one member object, and no members for null or absent', () => {
    expect(readMemberIds({ value: 'u1' })).toEqual(['u1']);
    expect(readMemberIds(null)).toEqual([]);
    expect(readMemberIds(undefined)).toEqual([]);
  });

  it('answers 400 invalidValue naming the member without a string value', () => {
    const error = scimErrorOf(() => readMemberIds([{ value: 'u1' }, { value: '' }]));
    expect(error).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidValue });
    expect(error.detail).toContain('members[1]');
  });
});
