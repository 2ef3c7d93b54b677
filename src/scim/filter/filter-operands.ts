import { isUUID } from 'class-validator';
import { RecordCondition, RecordField, RecordSortKey } from '../../common/query/record-query';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError } from '../scim.error';
import { ComparisonOperator, FilterValue } from './filter.ast';
import { invalidFilter } from './filter.errors';
import { parseScimDateTime } from './scim-date-time';

export type ComparableValue = Exclude<FilterValue, { type: 'null' }>;

/** What a single-valued attribute stands for in the owner's record: how comparisons, `pr` and sorting on it read. */
export interface ValueOperand {
  kind: 'value';
  compare(operator: ComparisonOperator, value: ComparableValue): RecordCondition;
  present(): RecordCondition;
  sortKey: RecordSortKey;
}

/** A complex attribute, whose sub-attributes are the values compared. */
export interface ComplexOperand {
  kind: 'complex';
  /** Undefined when the sub-attribute cannot be filtered on. */
  subAttribute(definition: ScimAttributeDefinition): ValueOperand | undefined;
  /** A condition on sub-attributes, held by the attribute or, when multi-valued, by some element (RFC 7644 §3.4.2.2). */
  within(condition: RecordCondition): RecordCondition;
  present(): RecordCondition;
  /** A sub-attribute's sort key, from the primary or else first element (RFC 7644 §3.4.2.3); absent when unsortable. */
  sortKey?(subAttributeKey: RecordSortKey): RecordSortKey;
}

export type AttributeOperand = ValueOperand | ComplexOperand;

const ETAG_VERSION = /^(?:W\/)?"(\d{1,10})"$|^(\d{1,10})$/;
const MAX_INTEGER = 2147483647;

/** A string field; numbers are read as their text (`externalId eq 1234`). */
export function textOperand(label: string, path: string[], caseExact: boolean): ValueOperand {
  return fieldOperand({ path, type: 'text', caseExact }, (value) => textValue(label, value));
}

/** A constant text where the record has no field (`meta.resourceType`, `groups.type`). */
export function constantTextOperand(label: string, constant: string, caseExact: boolean): ValueOperand {
  return fieldOperand({ constant, type: 'text', caseExact }, (value) => textValue(label, value));
}

/** A uuid field. A value that is not a UUID is compared as text, so it matches nothing instead of failing. */
export function uuidOperand(label: string, path: string[]): ValueOperand {
  const asText = textOperand(label, path, false);
  const field: RecordField = { path, type: 'uuid', caseExact: true };
  return {
    kind: 'value',
    compare(operator, value) {
      if ((operator === 'eq' || operator === 'ne') && value.type === 'string' && isUUID(value.value)) {
        return { kind: 'compare', field, operator, value: value.value };
      }
      return asText.compare(operator, value);
    },
    present: () => ({ kind: 'present', field }),
    sortKey: { kind: 'field', field },
  };
}

/** A timestamp field; the value must be a valid dateTime. */
export function timestampOperand(label: string, path: string[]): ValueOperand {
  return fieldOperand({ path, type: 'timestamp', caseExact: true }, (value, operator) => {
    if (operator === 'co' || operator === 'sw' || operator === 'ew') throw unsupportedOperator(label, 'dateTime', operator);
    const timestamp = value.type === 'string' ? parseScimDateTime(value.value) : undefined;
    if (timestamp === undefined) throw unexpectedValue(label, 'a dateTime such as "2024-01-31T09:30:00Z"', value);
    return timestamp;
  });
}

/** A boolean field: eq and ne only; the strings "true"/"false" in any case count, as Entra ID sends booleans as strings. */
export function booleanOperand(label: string, path: string[]): ValueOperand {
  return fieldOperand({ path, type: 'boolean', caseExact: true }, (value, operator) => {
    if (operator !== 'eq' && operator !== 'ne') throw unsupportedOperator(label, 'boolean', operator);
    return booleanValue(label, value);
  });
}

/**
 * `meta.version`, served as the weak ETag `W/"<version>"` of an integer: eq and ne only.
 * An ETag that is not of that form is no resource's version.
 */
export function versionOperand(label: string, path: string[]): ValueOperand {
  const field: RecordField = { path, type: 'version', caseExact: true };
  return {
    kind: 'value',
    compare(operator, value) {
      if (operator !== 'eq' && operator !== 'ne') throw unsupportedOperator(label, 'version', operator);
      const version = versionNumber(value);
      if (version === undefined) return { kind: 'constant', value: operator === 'ne' };
      return { kind: 'compare', field, operator, value: version };
    },
    present: () => ({ kind: 'present', field }),
    sortKey: { kind: 'field', field },
  };
}

/**
 * An attribute this resource type does not have, in a search across types (RFC 7644 §3.4.2 at the root): it is
 * unassigned, so it matches `ne`, `not (…)` and `eq null`, like any attribute a resource lacks, and sorts as null.
 */
export function unassignedValueOperand(): ValueOperand {
  return {
    kind: 'value',
    compare: (operator) => ({ kind: 'constant', value: operator === 'ne' }),
    present: () => ({ kind: 'constant', value: false }),
    sortKey: { kind: 'none' },
  };
}

/** As unassignedValueOperand, for a complex attribute: no element exists to satisfy a condition. */
export function unassignedComplexOperand(): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute: () => unassignedValueOperand(),
    within: () => ({ kind: 'constant', value: false }),
    present: () => ({ kind: 'constant', value: false }),
    sortKey: () => ({ kind: 'none' }),
  };
}

/**
 * An attribute kept in the record's document under its canonical name (`path`: the object holding it, with the
 * attribute's name). Undefined for types no document-stored attribute is filtered on.
 */
export function documentAttributeOperand(label: string, path: string[], definition: ScimAttributeDefinition): AttributeOperand | undefined {
  if (definition.type === 'complex') return definition.multiValued ? listOperand(label, path) : objectOperand(label, path);
  return definition.multiValued ? undefined : documentValueOperand(label, path, definition);
}

function documentValueOperand(label: string, path: string[], definition: ScimAttributeDefinition): ValueOperand | undefined {
  switch (definition.type) {
    case 'string':
    case 'reference':
      return textOperand(label, path, definition.caseExact);
    case 'binary':
      // RFC 7643 §2.3.6: binary values are case-exact whatever the definition says.
      return textOperand(label, path, true);
    case 'boolean':
      return booleanOperand(label, path);
    default:
      return undefined;
  }
}

/** A single-valued complex attribute (`name`, the enterprise `manager`). */
function objectOperand(label: string, path: string[]): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute: (definition) => documentValueOperand(`${label}.${definition.name}`, [...path, definition.name], definition),
    within: (condition) => condition,
    present: () => ({ kind: 'filled', path, shape: 'object' }),
    sortKey: (subAttributeKey) => subAttributeKey,
  };
}

/** A multi-valued complex attribute (`emails`, `addresses`, …): a list of objects. */
function listOperand(label: string, path: string[]): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute: (definition) => documentValueOperand(`${label}.${definition.name}`, [definition.name], definition),
    within: (condition) => ({ kind: 'some', list: path, condition }),
    present: () => ({ kind: 'filled', path, shape: 'list' }),
    sortKey: (subAttributeKey) =>
      subAttributeKey.kind === 'field' ? { kind: 'element', list: path, field: subAttributeKey.field } : subAttributeKey,
  };
}

function fieldOperand(
  field: RecordField,
  valueOf: (value: ComparableValue, operator: ComparisonOperator) => string | boolean,
): ValueOperand {
  return {
    kind: 'value',
    compare: (operator, value) => ({ kind: 'compare', field, operator, value: valueOf(value, operator) }),
    present: () => ({ kind: 'present', field }),
    sortKey: { kind: 'field', field },
  };
}

function versionNumber(value: ComparableValue): number | undefined {
  const text = value.type === 'string' ? value.value : value.type === 'number' ? value.text : '';
  const match = ETAG_VERSION.exec(text);
  if (!match) return undefined;
  const version = Number(match[1] ?? match[2]);
  return version <= MAX_INTEGER ? version : undefined;
}

function textValue(label: string, value: ComparableValue): string {
  if (value.type === 'string') return value.value;
  if (value.type === 'number') return value.text;
  throw unexpectedValue(label, 'a string', value);
}

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
