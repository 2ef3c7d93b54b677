import { isUUID } from 'class-validator';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError } from '../scim.error';
import { ComparisonOperator, FilterValue } from './filter.ast';
import { invalidFilter } from './filter.errors';
import { parseScimDateTime } from './scim-date-time';
import { escapeLikePattern, SqlParameters } from './sql-fragment';

export type ComparableValue = Exclude<FilterValue, { type: 'null' }>;

/** Where a single value is stored, and how comparisons, `pr` and sorting on it translate to SQL. */
export interface ValueOperand {
  kind: 'value';
  compare(operator: ComparisonOperator, value: ComparableValue, params: SqlParameters): string;
  present(): string;
  sortKey: string;
}

/** A complex attribute, whose sub-attributes are the values compared. */
export interface ComplexOperand {
  kind: 'complex';
  /** Undefined when the sub-attribute cannot be filtered on. */
  subAttribute(definition: ScimAttributeDefinition): ValueOperand | undefined;
  /** A condition on sub-attributes, held by the attribute or, when multi-valued, by some element (RFC 7644 §3.4.2.2). */
  within(condition: string): string;
  present(): string;
  /** A sub-attribute's sort key, from the primary or else first element (RFC 7644 §3.4.2.3); absent when unsortable. */
  sortKey?(subAttributeKey: string): string;
}

export type AttributeOperand = ValueOperand | ComplexOperand;

const ETAG_VERSION = /^(?:W\/)?"(\d{1,10})"$|^(\d{1,10})$/;
const MAX_INTEGER = 2147483647;
const ORDERING_OPERATORS: Record<'gt' | 'ge' | 'lt' | 'le', string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/**
 * A string column or jsonb text. caseExact=false folds both sides with lower() and matches substrings
 * with ILIKE; `storedFold` names a column holding lower(expression), which is compared instead so that
 * its index serves (`u.user_name_key = lower($n)`; an index on lower() itself is unusable under row-level
 * security). Ordering is by code point (COLLATE "C"): RFC 7644 §3.4.2.3 asks for no specific locale.
 */
export function textOperand(label: string, expression: string, caseExact: boolean, storedFold?: string): ValueOperand {
  const fold = (sql: string) => (caseExact ? sql : `lower(${sql})`);
  const folded = caseExact ? expression : (storedFold ?? fold(expression));
  const like = caseExact ? 'LIKE' : 'ILIKE';
  return {
    kind: 'value',
    compare(operator, value, params) {
      const text = textValue(label, value);
      switch (operator) {
        case 'eq':
          return `${folded} = ${fold(params.bind(text))}`;
        case 'ne':
          return `${folded} IS DISTINCT FROM ${fold(params.bind(text))}`;
        case 'co':
          return `${expression} ${like} ${params.bind(`%${escapeLikePattern(text)}%`)}`;
        case 'sw':
          return `${expression} ${like} ${params.bind(`${escapeLikePattern(text)}%`)}`;
        case 'ew':
          return `${expression} ${like} ${params.bind(`%${escapeLikePattern(text)}`)}`;
        case 'gt':
        case 'ge':
        case 'lt':
        case 'le':
          return `${folded} COLLATE "C" ${ORDERING_OPERATORS[operator]} ${fold(params.bind(text))}`;
      }
    },
    present: () => `${expression} <> ''`,
    sortKey: `${storedFold && !caseExact ? `NULLIF(${storedFold}, '')` : fold(`NULLIF(${expression}, '')`)} COLLATE "C"`,
  };
}

/**
 * An attribute this resource type does not have, in a search across types (RFC 7644 §3.4.2 at the root): it is
 * unassigned, so it matches `ne`, `not (…)` and `eq null`, like any attribute a resource lacks, and sorts as null.
 */
export function unassignedValueOperand(): ValueOperand {
  return {
    kind: 'value',
    compare: (operator) => (operator === 'ne' ? 'TRUE' : 'FALSE'),
    present: () => 'FALSE',
    // A bare NULL would be refused in ORDER BY as a non-integer constant.
    sortKey: 'NULL::text',
  };
}

/** As unassignedValueOperand, for a complex attribute: no element exists to satisfy a condition. */
export function unassignedComplexOperand(): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute: () => unassignedValueOperand(),
    within: () => 'FALSE',
    present: () => 'FALSE',
    sortKey: () => 'NULL::text',
  };
}

/** A uuid column. A value that is not a UUID is compared as text, so it matches nothing instead of failing the cast. */
export function uuidOperand(label: string, expression: string): ValueOperand {
  const asText = textOperand(label, `${expression}::text`, false);
  return {
    kind: 'value',
    compare(operator, value, params) {
      if ((operator === 'eq' || operator === 'ne') && value.type === 'string' && isUUID(value.value)) {
        return `${expression} ${operator === 'eq' ? '=' : 'IS DISTINCT FROM'} ${params.bind(value.value)}::uuid`;
      }
      return asText.compare(operator, value, params);
    },
    present: () => `${expression} IS NOT NULL`,
    sortKey: expression,
  };
}

/** A timestamptz column; the value must be a valid dateTime. */
export function timestampOperand(label: string, expression: string): ValueOperand {
  return {
    kind: 'value',
    compare(operator, value, params) {
      if (operator === 'co' || operator === 'sw' || operator === 'ew') throw unsupportedOperator(label, 'dateTime', operator);
      const timestamp = value.type === 'string' ? parseScimDateTime(value.value) : undefined;
      if (timestamp === undefined) throw unexpectedValue(label, 'a dateTime such as "2024-01-31T09:30:00Z"', value);
      const parameter = `${params.bind(timestamp)}::timestamptz`;
      if (operator === 'eq') return `${expression} = ${parameter}`;
      if (operator === 'ne') return `${expression} IS DISTINCT FROM ${parameter}`;
      return `${expression} ${ORDERING_OPERATORS[operator]} ${parameter}`;
    },
    present: () => `${expression} IS NOT NULL`,
    sortKey: expression,
  };
}

/** A boolean stored in jsonb, compared as jsonb so that no cast can fail on unexpected data. */
export function jsonbBooleanOperand(label: string, jsonbExpression: string): ValueOperand {
  return {
    kind: 'value',
    compare(operator, value) {
      if (operator !== 'eq' && operator !== 'ne') throw unsupportedOperator(label, 'boolean', operator);
      const literal = `'${booleanValue(label, value)}'::jsonb`;
      return `${jsonbExpression} ${operator === 'eq' ? '=' : 'IS DISTINCT FROM'} ${literal}`;
    },
    present: () => `jsonb_typeof(${jsonbExpression}) = 'boolean'`,
    sortKey: `CASE WHEN jsonb_typeof(${jsonbExpression}) = 'boolean' THEN (${jsonbExpression})::boolean END`,
  };
}

/** A boolean that is derived from other columns (`active` from the account state): always present. */
export function derivedBooleanOperand(label: string, whenTrue: string, whenFalse: string): ValueOperand {
  return {
    kind: 'value',
    compare(operator, value) {
      if (operator !== 'eq' && operator !== 'ne') throw unsupportedOperator(label, 'boolean', operator);
      return booleanValue(label, value) === (operator === 'eq') ? whenTrue : whenFalse;
    },
    present: () => 'TRUE',
    sortKey: `(${whenTrue})`,
  };
}

/**
 * `meta.version`, served as the weak ETag `W/"<version>"` of an integer column: eq and ne only.
 * An ETag that is not of that form is no resource's version.
 */
export function versionOperand(label: string, expression: string): ValueOperand {
  return {
    kind: 'value',
    compare(operator, value, params) {
      if (operator !== 'eq' && operator !== 'ne') throw unsupportedOperator(label, 'version', operator);
      const version = versionNumber(value);
      if (version === undefined) return operator === 'eq' ? 'FALSE' : 'TRUE';
      return `${expression} ${operator === 'eq' ? '=' : '<>'} ${params.bind(version)}`;
    },
    present: () => 'TRUE',
    sortKey: expression,
  };
}

function versionNumber(value: ComparableValue): number | undefined {
  const text = value.type === 'string' ? value.value : value.type === 'number' ? value.text : '';
  const match = ETAG_VERSION.exec(text);
  if (!match) return undefined;
  const version = Number(match[1] ?? match[2]);
  return version <= MAX_INTEGER ? version : undefined;
}

/** Strings, and numbers read as their text (`externalId eq 1234`). */
function textValue(label: string, value: ComparableValue): string {
  if (value.type === 'string') return value.value;
  if (value.type === 'number') return value.text;
  throw unexpectedValue(label, 'a string', value);
}

/** Booleans, and the strings "true"/"false" in any case: Entra ID sends booleans as strings ("False"). */
function booleanValue(label: string, value: ComparableValue): boolean {
  if (value.type === 'boolean') return value.value;
  if (value.type === 'string' && /^(true|false)$/i.test(value.value)) return value.value.toLowerCase() === 'true';
  throw unexpectedValue(label, 'true or false', value);
}

function unsupportedOperator(label: string, type: string, operator: ComparisonOperator): ScimError {
  return invalidFilter(`Invalid filter: "${label}" is a ${type} and does not support the "${operator}" operator`);
}

function unexpectedValue(label: string, expected: string, value: ComparableValue): ScimError {
  const given = value.type === 'string' ? JSON.stringify(value.value) : value.type === 'number' ? value.text : String(value.value);
  return invalidFilter(`Invalid filter: "${label}" must be compared with ${expected}, not ${given}`);
}
