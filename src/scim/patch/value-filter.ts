import { findByName } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError, ScimErrorType } from '../scim.error';

export type FilterLiteral = string | number | boolean | null;

export type ValueFilterComparison =
  | { operator: 'eq'; subAttribute: ScimAttributeDefinition; value: FilterLiteral }
  | { operator: 'pr'; subAttribute: ScimAttributeDefinition };

/**
 * The filter inside a value path (`emails[type eq "work"]`) of a PATCH path or an `attributes` item:
 * comparisons that must all hold.
 */
export type ValueFilter = ValueFilterComparison[];

interface Token {
  text: string;
  quoted: boolean;
}

/**
 * Parses the small filter language value paths need: `sub eq value`, `sub pr`, joined by `and`.
 * Anything else is a 400 invalidFilter (RFC 7644 §3.12 lists it for PATCH path filters).
 */
export function parseValueFilter(text: string, attribute: ScimAttributeDefinition): ValueFilter {
  const tokens = tokenize(text);
  const comparisons: ValueFilter = [];
  let index = 0;
  do {
    if (comparisons.length > 0) index += 1;
    const [name, operator, operand] = tokens.slice(index, index + 3);
    if (!name) throw invalidFilter(text, 'a comparison is missing');
    const subAttribute = name.quoted ? undefined : findByName(attribute.subAttributes ?? [], name.text);
    if (!subAttribute) throw invalidFilter(text, `"${name.text}" is not a sub-attribute of ${attribute.name}`);
    const operatorName = operator?.quoted ? undefined : operator?.text.toLowerCase();
    if (operatorName === 'pr') {
      comparisons.push({ operator: 'pr', subAttribute });
      index += 2;
    } else if (operatorName === 'eq' && operand) {
      comparisons.push({ operator: 'eq', subAttribute, value: literal(operand, subAttribute) });
      index += 3;
    } else {
      throw invalidFilter(text, 'only "eq", "pr" and "and" are supported in a value path');
    }
  } while (index < tokens.length && isAnd(tokens[index]));
  if (index < tokens.length) throw invalidFilter(text, `unexpected "${tokens[index].text}"`);
  return comparisons;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    if (/\s/.test(text[index])) {
      index += 1;
    } else if (text[index] === '"') {
      const end = closingQuote(text, index);
      if (end < 0) throw invalidFilter(text, 'unterminated string');
      tokens.push({ text: unquote(text, text.slice(index, end + 1)), quoted: true });
      index = end + 1;
    } else {
      const start = index;
      while (index < text.length && !/\s/.test(text[index])) index += 1;
      tokens.push({ text: text.slice(start, index), quoted: false });
    }
  }
  return tokens;
}

/** Index of the quote closing the JSON string opened at `start`, or -1. */
export function closingQuote(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  return -1;
}

function unquote(text: string, quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw invalidFilter(text, `bad string ${quoted}`);
  }
}

/** Reads the operand as the sub-attribute's type; a bare token is a string where nothing else fits (SCIM-COMPAT). */
function literal(token: Token, subAttribute: ScimAttributeDefinition): FilterLiteral {
  const lower = token.text.toLowerCase();
  if (subAttribute.type === 'boolean' && (lower === 'true' || lower === 'false')) return lower === 'true';
  if (token.quoted) return token.text;
  if (lower === 'null') return null;
  const number = Number(token.text);
  if ((subAttribute.type === 'integer' || subAttribute.type === 'decimal') && Number.isFinite(number)) return number;
  return token.text;
}

function isAnd(token: Token): boolean {
  return !token.quoted && token.text.toLowerCase() === 'and';
}

function invalidFilter(text: string, reason: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidFilter, `Unsupported value filter "[${text}]": ${reason}`);
}
