import { attribute, complex } from '../schema/attribute-builders';
import { ScimErrorType } from '../scim.error';
import { normalizeMultiValue, normalizeSingleValue } from './attribute-value';
import { appendDistinct } from './multi-valued-elements';
import { scimErrorOf } from './testing/scim-error-of';

const loginCount = attribute('loginCount', 'integer', 'Logins.');
const score = attribute('score', 'decimal', 'A score.');
const tags = attribute('tags', 'string', 'Tags.', { multiValued: true });
const badge = complex('badge', 'A badge.', [attribute('value', 'string', 'Its number.'), attribute('colour', 'string', 'Its colour.')]);

describe(normalizeSingleValue.name, () => {
  it('keeps integers and decimals, and refuses other values for them', () => {
    expect(normalizeSingleValue(loginCount, 3, 'loginCount')).toBe(3);
    expect(normalizeSingleValue(score, 2.5, 'score')).toBe(2.5);
    expect(scimErrorOf(() => normalizeSingleValue(loginCount, 2.5, 'loginCount')).scimType).toBe(ScimErrorType.InvalidValue);
    expect(scimErrorOf(() => normalizeSingleValue(score, '2.5', 'score')).scimType).toBe(ScimErrorType.InvalidValue);
  });

  it('takes a bare id for a complex attribute with a value, an empty list as unassigned, and keeps null sub-attributes', () => {
    expect(normalizeSingleValue(badge, 'B1', 'badge')).toEqual({ value: 'B1' });
    expect(normalizeSingleValue(badge, [], 'badge')).toBeNull();
    expect(normalizeSingleValue(badge, { VALUE: 'B1', colour: null, size: 'L' }, 'badge')).toEqual({ value: 'B1', colour: null });
  });

  it('names the attribute in the error', () => {
    expect(scimErrorOf(() => normalizeSingleValue(badge, 7, 'badge')).detail).toBe('badge must be an object');
  });
});

describe(normalizeMultiValue.name, () => {
  it('reads a list of simple values, dropping nulls', () => {
    expect(normalizeMultiValue(tags, ['a', null, 'b'], 'tags')).toEqual(['a', 'b']);
    expect(normalizeMultiValue(tags, 'a', 'tags')).toEqual(['a']);
  });
});

describe(appendDistinct.name, () => {
  it('compares simple values case-insensitively unless caseExact', () => {
    expect(appendDistinct(tags, ['a'], ['A', 'b']).elements).toEqual(['a', 'b']);
    expect(appendDistinct({ ...tags, caseExact: true }, ['a'], ['A']).elements).toEqual(['a', 'A']);
  });
});
