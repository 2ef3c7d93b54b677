import { findByName, GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimErrorType } from '../scim.error';
import { scimErrorOf } from './testing/scim-error-of';
import { parseValueFilter } from './value-filter';
import { elementFromValueFilter, matchesValueFilter } from './value-filter-match';

const emails = findByName(USER_RESOURCE_SCHEMAS.core.attributes, 'emails') as ScimAttributeDefinition;
const members = findByName(GROUP_RESOURCE_SCHEMAS.core.attributes, 'members') as ScimAttributeDefinition;
const work = { value: 'a@acme.test', type: 'work', primary: true };
const home = { value: 'a@home.test', type: 'home' };

describe(parseValueFilter.name, () => {
  it('reads eq, pr and and, with sub-attribute names in canonical case', () => {
    const filter = parseValueFilter('TYPE eq "work" and Primary eq true and value pr', emails);
    expect(filter.map((comparison) => [comparison.subAttribute.name, comparison.operator])).toEqual([
      ['type', 'eq'],
      ['primary', 'eq'],
      ['value', 'pr'],
    ]);
    expect(filter[1]).toMatchObject({ value: true });
  });

  it('reads escaped quotes, a quoted "]", and bare tokens as strings', () => {
    expect(parseValueFilter('value eq "a\\"b]"', members)).toMatchObject([{ value: 'a"b]' }]);
    expect(parseValueFilter('value eq 2819c223', members)).toMatchObject([{ value: '2819c223' }]);
    expect(parseValueFilter('primary eq "True"', emails)).toMatchObject([{ value: true }]);
  });

  it.each([
    'type ne "work"',
    'type eq "work" or type eq "home"',
    'foo eq "x"',
    '',
    'type eq',
    'type eq "work" and',
    'type eq "work',
    'type eq "\\q"',
    '"type" eq "work"',
  ])('answers 400 invalidFilter for %j', (text) => {
    expect(scimErrorOf(() => parseValueFilter(text, emails))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidFilter });
  });
});

describe(matchesValueFilter.name, () => {
  it('compares case-insensitively unless the sub-attribute is caseExact', () => {
    expect(matchesValueFilter(work, parseValueFilter('type eq "WORK"', emails))).toBe(true);
    expect(matchesValueFilter(home, parseValueFilter('type eq "work"', emails))).toBe(false);
  });

  it('needs every comparison to hold', () => {
    expect(matchesValueFilter(work, parseValueFilter('type eq "work" and primary eq true', emails))).toBe(true);
    expect(matchesValueFilter(home, parseValueFilter('type eq "home" and primary eq true', emails))).toBe(false);
  });

  it('holds pr for non-empty values only', () => {
    const filter = parseValueFilter('primary pr', emails);
    expect(matchesValueFilter(work, filter)).toBe(true);
    expect(matchesValueFilter(home, filter)).toBe(false);
    expect(matchesValueFilter({ ...home, display: '' }, parseValueFilter('display pr', emails))).toBe(false);
  });

  it('matches eq null on an unassigned sub-attribute', () => {
    expect(matchesValueFilter(home, parseValueFilter('primary eq null', emails))).toBe(true);
  });
});

describe(elementFromValueFilter.name, () => {
  it('builds the element an eq filter describes', () => {
    expect(elementFromValueFilter(parseValueFilter('type eq "work" and primary eq true', emails))).toEqual({ type: 'work', primary: true });
  });

  it('gives nothing for a filter that does not pin every value', () => {
    expect(elementFromValueFilter(parseValueFilter('type pr', emails))).toBeUndefined();
    expect(elementFromValueFilter(parseValueFilter('type eq null', emails))).toBeUndefined();
  });
});
