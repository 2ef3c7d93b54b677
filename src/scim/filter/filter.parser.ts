import { ScimError } from '../scim.error';
import { COMPARISON_OPERATORS, ComparisonOperator, FilterNode, FilterValue } from './filter.ast';
import { invalidFilter, invalidFilterAt } from './filter.errors';
import { FilterToken, FilterTokenKind, tokenizeFilter } from './filter.lexer';

export const MAX_FILTER_LENGTH = 4096;
/** Nesting of parentheses, `not (…)` and value paths `[…]`. */
export const MAX_FILTER_DEPTH = 32;

/** `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.4.2.2, ABNF attrPath); `$ref` is a legal name. */
const ATTRIBUTE_PATH = /^(?:urn:[^\s"()[\]]+:)?\$?[a-z][\w-]*(?:\.\$?[a-z][\w-]*)?$/i;
const SUB_ATTRIBUTE_NAME = /^\$?[a-z][\w-]*$/i;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?$/i;
const KEYWORDS = ['and', 'or', 'not'];

/** Parses an RFC 7644 §3.4.2.2 filter; precedence is not > and > or. Throws a 400 invalidFilter ScimError. */
export function parseFilter(filter: string): FilterNode {
  if (filter.length > MAX_FILTER_LENGTH) {
    throw invalidFilter(`Invalid filter: longer than ${MAX_FILTER_LENGTH} characters`);
  }
  if (!filter.trim()) throw invalidFilter('Invalid filter: the filter is empty');
  return new FilterParser(tokenizeFilter(filter)).parse();
}

class FilterParser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: FilterToken[]) {}

  parse(): FilterNode {
    const filter = this.parseOr(false);
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next, 'expected "and", "or" or the end of the filter');
    return filter;
  }

  private parseOr(inValuePath: boolean): FilterNode {
    const filters = [this.parseAnd(inValuePath)];
    while (isKeyword(this.peek(), 'or')) {
      this.index++;
      filters.push(this.parseAnd(inValuePath));
    }
    return filters.length === 1 ? filters[0] : { kind: 'or', filters };
  }

  private parseAnd(inValuePath: boolean): FilterNode {
    const filters = [this.parseUnary(inValuePath)];
    while (isKeyword(this.peek(), 'and')) {
      this.index++;
      filters.push(this.parseUnary(inValuePath));
    }
    return filters.length === 1 ? filters[0] : { kind: 'and', filters };
  }

  private parseUnary(inValuePath: boolean): FilterNode {
    const token = this.next();
    if (isKeyword(token, 'not')) {
      const open = this.expect('(', 'expected "(" after "not"');
      return { kind: 'not', filter: this.parseGroup(open, ')', inValuePath) };
    }
    if (token.kind === '(') return this.parseGroup(token, ')', inValuePath);
    if (token.kind !== 'word' || isKeyword(token, 'and') || isKeyword(token, 'or') || !ATTRIBUTE_PATH.test(token.text)) {
      throw this.unexpected(token, 'expected an attribute path');
    }
    if (this.peek().kind === '[') {
      if (inValuePath) throw invalidFilterAt(this.peek().position, 'value paths cannot be nested');
      return this.parseValuePath(token);
    }
    return this.parseCondition(token.text);
  }

  private parseGroup(open: FilterToken, close: ')' | ']', inValuePath: boolean): FilterNode {
    this.depth++;
    if (this.depth > MAX_FILTER_DEPTH) {
      throw invalidFilterAt(open.position, `nested more than ${MAX_FILTER_DEPTH} levels deep`);
    }
    const filter = this.parseOr(inValuePath);
    this.expect(close, `expected "${close}" to close the "${open.text}" at position ${open.position}`);
    this.depth--;
    return filter;
  }

  /** `emails[type eq "work"]`, and Entra ID's `emails[type eq "work"].value eq "x"` read as `emails[type eq "work" and value eq "x"]`. */
  private parseValuePath(attribute: FilterToken): FilterNode {
    const filter = this.parseGroup(this.next(), ']', true);
    const next = this.peek();
    if (next.kind !== 'word' || !next.text.startsWith('.')) {
      return { kind: 'valuePath', attributePath: attribute.text, filter };
    }
    this.index++;
    const subAttribute = next.text.slice(1);
    if (!SUB_ATTRIBUTE_NAME.test(subAttribute)) throw this.unexpected(next, 'expected a sub-attribute name after "]."');
    const condition = this.parseCondition(subAttribute);
    const filters = filter.kind === 'and' ? [...filter.filters, condition] : [filter, condition];
    return { kind: 'valuePath', attributePath: attribute.text, filter: { kind: 'and', filters } };
  }

  private parseCondition(attributePath: string): FilterNode {
    const token = this.next();
    if (token.kind !== 'word' || KEYWORDS.some((keyword) => isKeyword(token, keyword))) {
      throw this.unexpected(token, `expected an operator after "${attributePath}"`);
    }
    const operator = token.text.toLowerCase();
    if (operator === 'pr') {
      const next = this.peek();
      if (next.kind === 'string' || (next.kind === 'word' && !isKeyword(next, 'and') && !isKeyword(next, 'or'))) {
        throw invalidFilterAt(next.position, '"pr" takes no value');
      }
      return { kind: 'present', attributePath };
    }
    if (!isComparisonOperator(operator)) {
      throw invalidFilterAt(
        token.position,
        `unknown operator "${token.text}"; expected one of ${[...COMPARISON_OPERATORS, 'pr'].join(', ')}`,
      );
    }
    return { kind: 'comparison', attributePath, operator, value: this.parseValue(token) };
  }

  private parseValue(operator: FilterToken): FilterValue {
    const token = this.next();
    if (token.kind === 'string') return { type: 'string', value: token.text };
    if (token.kind !== 'word') throw this.unexpected(token, `expected a value after "${operator.text}"`);
    if (KEYWORDS.some((keyword) => isKeyword(token, keyword))) {
      throw this.unexpected(token, `expected a value after "${operator.text}" (quote a string that is a keyword)`);
    }
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { type: 'boolean', value: lower === 'true' };
    if (lower === 'null') return { type: 'null' };
    if (JSON_NUMBER.test(token.text)) return { type: 'number', value: Number(token.text), text: token.text };
    if (token.text.startsWith("'")) throw invalidFilterAt(token.position, 'strings must be in double quotes');
    // Some clients' examples send bare values (`userName eq alice@acme.test`): read them as strings.
    return { type: 'string', value: token.text };
  }

  private expect(kind: FilterTokenKind, expectation: string): FilterToken {
    const token = this.next();
    if (token.kind !== kind) throw this.unexpected(token, expectation);
    return token;
  }

  private peek(): FilterToken {
    return this.tokens[this.index];
  }

  private next(): FilterToken {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private unexpected(token: FilterToken, expectation: string): ScimError {
    return invalidFilterAt(token.position, `${expectation}, found ${describeToken(token)}`);
  }
}

function isKeyword(token: FilterToken, keyword: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === keyword;
}

function isComparisonOperator(operator: string): operator is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(operator);
}

function describeToken(token: FilterToken): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the filter';
    case 'string':
      return `the string ${JSON.stringify(token.text)}`;
    default:
      return `"${token.text}"`;
  }
}
