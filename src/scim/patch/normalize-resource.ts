import { ResourceSchemas } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { isJsonObject, ScimResourceJson } from './json-object';
import { findExtensionUri, resolveAttributeTarget } from './patch-path';
import { pruneUnassigned, unassignedRequiredAttributes } from './unassigned-attributes';
import { writeAttribute } from './write-attribute';

/**
 * A POST or PUT body in the form `applyPatch` reads and writes: canonical attribute names, values
 * coerced as PATCH values are, read-only, write-only (`password`), null and unknown attributes dropped,
 * `schemas` left out. A required attribute missing is a 400 invalidValue (RFC 7644 §3.5.1).
 */
export function normalizeResource(body: unknown, schemas: ResourceSchemas): ScimResourceJson {
  if (!isJsonObject(body)) throw ScimError.badRequest(ScimErrorType.InvalidSyntax, 'The resource must be a JSON object');
  const resource: ScimResourceJson = {};
  for (const [key, value] of Object.entries(body)) {
    const extensionUri = findExtensionUri(schemas, key);
    if (!extensionUri) write(resource, key, value, schemas);
    else if (isJsonObject(value)) {
      for (const [name, extensionValue] of Object.entries(value)) write(resource, `${extensionUri}:${name}`, extensionValue, schemas);
    } else if (value !== null) {
      throw ScimError.badRequest(ScimErrorType.InvalidValue, `${extensionUri} must be an object`);
    }
  }
  pruneUnassigned(resource, schemas);
  const missing = unassignedRequiredAttributes(resource, schemas);
  if (missing.length > 0) throw ScimError.badRequest(ScimErrorType.InvalidValue, `${missing.join(', ')} is required`);
  return resource;
}

function write(resource: ScimResourceJson, key: string, value: unknown, schemas: ResourceSchemas): void {
  const target = resolveAttributeTarget(key, schemas);
  if (target) writeAttribute(resource, target, 'replace', value);
}
