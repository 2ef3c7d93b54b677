import fc from 'fast-check';
import { ScimError, ScimErrorType } from '../scim.error';
import { FilterNode } from './filter.ast';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from './filter.parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function rejection(filter: string): ScimError {
  try {
    parseFilter(filter);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(filter)} to be rejected`);
}

function expectRejected(filter: string, detail: string): void {
  const error = rejection(filter);
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(ScimErrorType.InvalidFilter);
  expect(error.detail).toBe(detail);
}

const present = (attributePath: string): FilterNode => ({ kind: 'present', attributePath });
const equals = (attributePath: string, value: string): FilterNode => ({
  kind: 'comparison',
  attributePath,
  operator: 'eq',
  value: { type: 'string', value },
});

describe(parseFilter.name, () => {
  describe('comparisons', () => {
    it.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'])('parses %s', (operator) => {
      expect(parseFilter(`userName ${operator} "bjensen"`)).toEqual({
        kind: 'comparison',
        attributePath: 'userName',
        operator,
        value: { type: 'string', value: 'bjensen' },
      });
    });

    it('parses pr', () => {
      expect(parseFilter('title pr')).toEqual(present('title'));
    });

    it.each(['EQ', 'Eq', 'eQ'])('reads the operator %s case-insensitively', (operator) => {
      expect(parseFilter(`userName ${operator} "x"`)).toEqual(equals('userName', 'x'));
    });

    it('reads PR case-insensitively', () => {
      expect(parseFilter('title PR')).toEqual(present('title'));
    });

    it('parses sub-attribute paths', () => {
      expect(parseFilter('name.familyName co "O\'Malley"')).toMatchObject({ attributePath: 'name.familyName', operator: 'co' });
      expect(parseFilter('meta.lastModified gt "2011-05-13T04:42:34Z"')).toMatchObject({ attributePath: 'meta.lastModified' });
    });

    it('parses fully qualified URN paths', () => {
      expect(parseFilter(`${ENTERPRISE}:employeeNumber eq "701984"`)).toEqual(equals(`${ENTERPRISE}:employeeNumber`, '701984'));
      expect(parseFilter(`${ENTERPRISE}:manager.value eq "26118915"`)).toEqual(equals(`${ENTERPRISE}:manager.value`, '26118915'));
      expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"')).toMatchObject({
        attributePath: 'urn:ietf:params:scim:schemas:core:2.0:User:userName',
        operator: 'sw',
      });
    });

    it('tolerates extra whitespace', () => {
      expect(parseFilter('  userName \t eq\n"x"  ')).toEqual(equals('userName', 'x'));
    });
  });

  describe('values', () => {
    it('decodes JSON string escapes', () => {
      expect(parseFilter('displayName eq "say \\"hi\\" \\\\ caf\\u00e9 \\/ \\t"')).toEqual(equals('displayName', 'say "hi" \\ café / \t'));
    });

    it('parses numbers, keeping their text', () => {
      expect(parseFilter('externalId eq 1234')).toMatchObject({ value: { type: 'number', value: 1234, text: '1234' } });
      expect(parseFilter('externalId gt -1.5e3')).toMatchObject({ value: { type: 'number', value: -1500, text: '-1.5e3' } });
    });

    it.each([
      ['true', { type: 'boolean', value: true }],
      ['False', { type: 'boolean', value: false }],
      ['NULL', { type: 'null' }],
    ])('parses the literal %s case-insensitively', (literal, value) => {
      expect(parseFilter(`active eq ${literal}`)).toMatchObject({ value });
    });

    it('keeps a quoted literal a string', () => {
      expect(parseFilter('title eq "true"')).toEqual(equals('title', 'true'));
    });

    it.each([
      ['userName eq alice@acme.test', 'userName', 'alice@acme.test'],
      ['externalId eq 1234-abc', 'externalId', '1234-abc'],
      ['externalId eq 007', 'externalId', '007'],
    ])('reads the bare token in %s as a string', (filter, attributePath, value) => {
      expect(parseFilter(filter)).toEqual(equals(attributePath, value));
    });

    it('ends a bare token at a closing bracket or parenthesis', () => {
      expect(parseFilter('emails[value eq a@b.test]')).toEqual({
        kind: 'valuePath',
        attributePath: 'emails',
        filter: equals('value', 'a@b.test'),
      });
      expect(parseFilter('(userName eq alice) or title pr')).toEqual({
        kind: 'or',
        filters: [equals('userName', 'alice'), present('title')],
      });
    });
  });

  describe('logical expressions', () => {
    it('binds and tighter than or', () => {
      expect(parseFilter('a pr or b pr and c pr')).toEqual({
        kind: 'or',
        filters: [present('a'), { kind: 'and', filters: [present('b'), present('c')] }],
      });
    });

    it('collects a chain of the same operator into one node', () => {
      expect(parseFilter('a pr and b pr and c pr')).toEqual({ kind: 'and', filters: [present('a'), present('b'), present('c')] });
    });

    it('binds not tighter than and', () => {
      expect(parseFilter('not (a pr) and b pr')).toEqual({
        kind: 'and',
        filters: [{ kind: 'not', filter: present('a') }, present('b')],
      });
    });

    it('lets parentheses override precedence', () => {
      expect(parseFilter('(a pr or b pr) and c pr')).toEqual({
        kind: 'and',
        filters: [{ kind: 'or', filters: [present('a'), present('b')] }, present('c')],
      });
    });

    it('reads AND, Or and NOT case-insensitively', () => {
      expect(parseFilter('a pr AND NOT(b pr) Or c pr')).toEqual({
        kind: 'or',
        filters: [{ kind: 'and', filters: [present('a'), { kind: 'not', filter: present('b') }] }, present('c')],
      });
    });
  });

  describe('value paths', () => {
    it('parses a value filter with a logical expression', () => {
      expect(parseFilter('emails[type eq "work" and value co "@acme.test"]')).toEqual({
        kind: 'valuePath',
        attributePath: 'emails',
        filter: {
          kind: 'and',
          filters: [
            equals('type', 'work'),
            { kind: 'comparison', attributePath: 'value', operator: 'co', value: { type: 'string', value: '@acme.test' } },
          ],
        },
      });
    });

    it('combines value paths with other expressions', () => {
      expect(parseFilter('id eq "g1" and members[value eq "u1"]')).toEqual({
        kind: 'and',
        filters: [equals('id', 'g1'), { kind: 'valuePath', attributePath: 'members', filter: equals('value', 'u1') }],
      });
    });

    it('reads the Entra ID form emails[…].value eq as one element matching both', () => {
      expect(parseFilter('emails[type eq "work"].value eq "x@y"')).toEqual({
        kind: 'valuePath',
        attributePath: 'emails',
        filter: { kind: 'and', filters: [equals('type', 'work'), equals('value', 'x@y')] },
      });
    });

    it('keeps the precedence of the brackets in the Entra ID form', () => {
      expect(parseFilter('emails[type eq "work" or type eq "home"].value pr')).toEqual({
        kind: 'valuePath',
        attributePath: 'emails',
        filter: {
          kind: 'and',
          filters: [{ kind: 'or', filters: [equals('type', 'work'), equals('type', 'home')] }, present('value')],
        },
      });
    });

    it('accepts not inside a value filter', () => {
      expect(parseFilter('emails[not (type eq "work")]')).toEqual({
        kind: 'valuePath',
        attributePath: 'emails',
        filter: { kind: 'not', filter: equals('type', 'work') },
      });
    });
  });

  describe('errors', () => {
    it.each([
      ['userName', 'Invalid filter at position 8: expected an operator after "userName", found the end of the filter'],
      ['userName "x"', 'Invalid filter at position 9: expected an operator after "userName", found the string "x"'],
      ['userName and title pr', 'Invalid filter at position 9: expected an operator after "userName", found "and"'],
      ['userName eq', 'Invalid filter at position 11: expected a value after "eq", found the end of the filter'],
      ['userName eq )', 'Invalid filter at position 12: expected a value after "eq", found ")"'],
      [
        'userName eq and title pr',
        'Invalid filter at position 12: expected a value after "eq" (quote a string that is a keyword), found "and"',
      ],
      [
        'userName like "x"',
        'Invalid filter at position 9: unknown operator "like"; expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr',
      ],
      ['title pr "x"', 'Invalid filter at position 9: "pr" takes no value'],
      ['title pr x', 'Invalid filter at position 9: "pr" takes no value'],
      ['userName eq "x" foo', 'Invalid filter at position 16: expected "and", "or" or the end of the filter, found "foo"'],
      ['userName eq "x")', 'Invalid filter at position 15: expected "and", "or" or the end of the filter, found ")"'],
      ['(userName eq "x"', 'Invalid filter at position 16: expected ")" to close the "(" at position 0, found the end of the filter'],
      ['emails[type eq "work"', 'Invalid filter at position 21: expected "]" to close the "[" at position 6, found the end of the filter'],
      ['emails[type eq "work")', 'Invalid filter at position 21: expected "]" to close the "[" at position 6, found ")"'],
      [
        'emails type eq "work"]',
        'Invalid filter at position 7: unknown operator "type"; expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr',
      ],
      ['userName eq "abc', 'Invalid filter at position 12: unterminated string'],
      ['userName eq "a\\x"', 'Invalid filter at position 14: invalid escape "\\x" in string'],
      ['userName eq "\\u12"', 'Invalid filter at position 13: expected four hex digits after "\\u"'],
      ["userName eq 'alice'", 'Invalid filter at position 12: strings must be in double quotes'],
      ['userName eq "a\\u0000"', 'Invalid filter at position 14: strings cannot contain "\\u0000"'],
      ['userName eq "a\u0000"', 'Invalid filter at position 14: the NUL character is not allowed'],
      ['not title pr', 'Invalid filter at position 4: expected "(" after "not", found "title"'],
      ['userName eq "x" and', 'Invalid filter at position 19: expected an attribute path, found the end of the filter'],
      ['()', 'Invalid filter at position 1: expected an attribute path, found ")"'],
      ['"userName" eq "x"', 'Invalid filter at position 0: expected an attribute path, found the string "userName"'],
      ['user+name eq "x"', 'Invalid filter at position 0: expected an attribute path, found "user+name"'],
      ['emails[value eq "x"].1value eq "y"', 'Invalid filter at position 20: expected a sub-attribute name after "].", found ".1value"'],
      ['emails[groups[value eq "x"]]', 'Invalid filter at position 13: value paths cannot be nested'],
      ['   ', 'Invalid filter: the filter is empty'],
    ])('rejects %s', (filter, detail) => {
      expectRejected(filter, detail);
    });

    it(`rejects nesting deeper than ${MAX_FILTER_DEPTH} levels`, () => {
      const nested = (depth: number) => `${'('.repeat(depth)}title pr${')'.repeat(depth)}`;
      expect(parseFilter(nested(MAX_FILTER_DEPTH))).toEqual(present('title'));
      expectRejected(nested(MAX_FILTER_DEPTH + 1), `Invalid filter at position ${MAX_FILTER_DEPTH}: nested more than 32 levels deep`);
      expectRejected(
        `${'not ('.repeat(MAX_FILTER_DEPTH)}emails[value pr]${')'.repeat(MAX_FILTER_DEPTH)}`,
        `Invalid filter at position ${MAX_FILTER_DEPTH * 5 + 6}: nested more than 32 levels deep`,
      );
    });

    it(`rejects a filter longer than ${MAX_FILTER_LENGTH} characters`, () => {
      const long = `userName eq "${'a'.repeat(MAX_FILTER_LENGTH)}"`;
      expectRejected(long, `Invalid filter: longer than ${MAX_FILTER_LENGTH} characters`);
    });

    it('answers any input with a tree or an invalidFilter error, never another exception', () => {
      const filterish = fc.stringMatching(/^[a-zA-Z.:[\]()" \\\-0-9@]{0,40}$/);
      fc.assert(
        fc.property(fc.oneof(fc.string(), filterish), (filter) => {
          try {
            parseFilter(filter);
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect((error as ScimError).scimType).toBe(ScimErrorType.InvalidFilter);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
