import { findByName } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { isJsonObject } from './json-object';

/** Appends the elements not already present; returns the list and, per addition, the element now standing for it. */
export function appendDistinct(
  attribute: ScimAttributeDefinition,
  elements: unknown[],
  additions: unknown[],
): { elements: unknown[]; written: unknown[] } {
  const next = [...elements];
  const written = additions.map((addition) => {
    const existing = next.find((element) => matchesElement(attribute, element, addition, true));
    if (existing !== undefined) return existing;
    next.push(addition);
    return addition;
  });
  return { elements: next, written };
}

/**
 * Whether `element` has every sub-attribute value of `pattern` (or, with `exact`, exactly those), comparing
 * strings case-insensitively unless the schema says caseExact.
 */
export function matchesElement(attribute: ScimAttributeDefinition, element: unknown, pattern: unknown, exact = false): boolean {
  if (!isJsonObject(element) || !isJsonObject(pattern)) return equalValues(element, pattern, attribute.caseExact);
  const keys = Object.keys(pattern);
  if (exact && keys.length !== Object.keys(element).length) return false;
  return keys.every((key) => equalValues(element[key], pattern[key], findByName(attribute.subAttributes ?? [], key)?.caseExact ?? true));
}

/** RFC 7643 §2.4: "primary" is true at most once; the element written last wins. */
export function keepOnePrimary(elements: unknown[], written: unknown[]): void {
  const winner = [...written].reverse().find((element) => isJsonObject(element) && element.primary === true);
  if (winner === undefined) return;
  for (const element of elements) {
    if (element !== winner && isJsonObject(element) && element.primary === true) element.primary = false;
  }
}

function equalValues(left: unknown, right: unknown, caseExact: boolean): boolean {
  if (typeof left === 'string' && typeof right === 'string' && !caseExact) return left.toLowerCase() === right.toLowerCase();
  return left === right;
}
