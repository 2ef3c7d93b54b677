import { findByName } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError, ScimErrorType } from '../scim.error';
import { isIgnoredInput } from './ignored-input';
import { isJsonObject, JsonObject } from './json-object';
import { isUnassigned } from './unassigned-attributes';

/**
 * One value of an attribute (for a multi-valued attribute: one element) in canonical form: sub-attribute
 * names in schema case, booleans coerced, read-only and unknown sub-attributes dropped. Null means
 * "unassign": it is returned for null, and kept as null for sub-attributes so a merge can unassign them.
 */
export function normalizeSingleValue(attribute: ScimAttributeDefinition, value: unknown, path: string): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    // Entra ID sends the enterprise manager as a one-element array.
    if (value.length > 1) throw invalidValue(path, 'takes one value, not a list');
    return value.length === 0 ? null : normalizeSingleValue(attribute, value[0], path);
  }
  switch (attribute.type) {
    case 'complex':
      return normalizeComplex(attribute, value, path);
    case 'boolean':
      return coerceBoolean(value, path);
    case 'integer':
      if (Number.isInteger(value)) return value;
      throw invalidValue(path, 'must be an integer');
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw invalidValue(path, 'must be a number');
    case 'string':
    case 'reference':
    case 'dateTime':
    case 'binary':
      if (typeof value === 'string') return value;
      throw invalidValue(path, 'must be a string');
  }
}

/** The elements of a multi-valued attribute: a single element is taken as a list of one; nulls are dropped. */
export function normalizeMultiValue(attribute: ScimAttributeDefinition, value: unknown, path: string): unknown[] {
  const elements = Array.isArray(value) ? value : [value];
  return elements
    .map((element) => normalizeSingleValue(attribute, element, path))
    .map((element) => (isJsonObject(element) ? withoutNulls(element) : element))
    .filter((element) => !isUnassigned(element));
}

export function withoutNulls(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null));
}

function normalizeComplex(attribute: ScimAttributeDefinition, value: unknown, path: string): JsonObject {
  const subAttributes = attribute.subAttributes ?? [];
  // A bare id where the attribute has a `value`: Entra ID sends the enterprise manager as a plain string id.
  const object = typeof value === 'string' && findByName(subAttributes, 'value') ? { value } : value;
  if (!isJsonObject(object)) throw invalidValue(path, 'must be an object');
  const normalized: JsonObject = {};
  for (const [key, subValue] of Object.entries(object)) {
    const subAttribute = findByName(subAttributes, key);
    if (!subAttribute || isIgnoredInput(subAttribute)) continue;
    normalized[subAttribute.name] = normalizeSingleValue(subAttribute, subValue, `${path}.${subAttribute.name}`);
  }
  return normalized;
}

/** Entra ID sends booleans as the strings "True" and "False". */
function coerceBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (lower === 'true' || lower === 'false') return lower === 'true';
  throw invalidValue(path, 'must be a boolean');
}

function invalidValue(path: string, reason: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidValue, `${path} ${reason}`);
}
