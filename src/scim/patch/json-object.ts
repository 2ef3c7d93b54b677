export type JsonObject = Record<string, unknown>;

/** A SCIM resource as JSON: core attributes at the top level, extension attributes under their schema URN. */
export type ScimResourceJson = JsonObject;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7643 §2.1: attribute names, and so the keys of a PATCH body, are case-insensitive. */
export function getIgnoringCase(object: JsonObject, key: string): unknown {
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}
