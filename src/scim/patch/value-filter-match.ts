import { isJsonObject, JsonObject } from './json-object';
import { FilterLiteral, ValueFilter, ValueFilterComparison } from './value-filter';

export function matchesValueFilter(element: unknown, filter: ValueFilter): boolean {
  return isJsonObject(element) && filter.every((comparison) => matchesComparison(element, comparison));
}

/**
 * The element a value filter describes (`emails[type eq "work"]` → `{ type: "work" }`), for an add or
 * replace whose filter matches nothing; undefined when the filter does not pin every value (`pr`, `eq null`).
 */
export function elementFromValueFilter(filter: ValueFilter): JsonObject | undefined {
  const element: JsonObject = {};
  for (const comparison of filter) {
    if (comparison.operator !== 'eq' || comparison.value === null) return undefined;
    element[comparison.subAttribute.name] = comparison.value;
  }
  return element;
}

function matchesComparison(element: JsonObject, comparison: ValueFilterComparison): boolean {
  const actual = element[comparison.subAttribute.name];
  if (comparison.operator === 'pr') return isPresent(actual);
  return equalLiterals(actual, comparison.value, comparison.subAttribute.caseExact);
}

/** RFC 7644 §3.4.2.2: `pr` holds for a non-empty value (sub-attributes are never complex, RFC 7643 §2.3.8). */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function equalLiterals(actual: unknown, expected: FilterLiteral, caseExact: boolean): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof actual === 'string' && typeof expected === 'string') {
    return caseExact ? actual === expected : actual.toLowerCase() === expected.toLowerCase();
  }
  return actual === expected;
}
