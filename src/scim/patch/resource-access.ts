import { isJsonObject, JsonObject, ScimResourceJson } from './json-object';

/** Where an attribute lives: the resource itself, or the object under its extension URN (created when missing). */
export function containerOf(resource: ScimResourceJson, extensionUri: string | undefined): JsonObject {
  return extensionUri === undefined ? resource : objectAt(resource, extensionUri);
}

/** The complex value under `key`, created when missing. */
export function objectAt(container: JsonObject, key: string): JsonObject {
  const current = container[key];
  if (isJsonObject(current)) return current;
  const created: JsonObject = {};
  container[key] = created;
  return created;
}

/** A copy of the list under `key`, whose elements stay shared with the resource. */
export function elementsAt(container: JsonObject, key: string): unknown[] {
  const current = container[key];
  return Array.isArray(current) ? [...(current as unknown[])] : [];
}

/** Sets each key; a null value unassigns it (RFC 7643 §2.5). */
export function mergeInto(target: JsonObject, changes: JsonObject): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete target[key];
    else target[key] = value;
  }
}
