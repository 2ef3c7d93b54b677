import { ResourceSchemas } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { isJsonObject, ScimResourceJson } from './json-object';
import { PatchOperation } from './patch-operation';
import { isSchemasKey, parsePatchPath } from './patch-path';
import { removeAttribute } from './remove-attribute';
import { pruneUnassigned, unassignedRequiredAttributes } from './unassigned-attributes';
import { writeAttribute } from './write-attribute';

/**
 * Applies RFC 7644 §3.5.2 operations, in order, to a copy of a full resource and returns the copy; the
 * input is never changed, and any error aborts the whole PATCH. Unassigned attributes are left out of the result.
 */
export function applyPatch(resource: ScimResourceJson, operations: PatchOperation[], schemas: ResourceSchemas): ScimResourceJson {
  const patched = structuredClone(resource);
  for (const operation of operations) applyOperation(patched, operation, schemas);
  pruneUnassigned(patched, schemas);
  assertRequiredAttributesKept(resource, patched, schemas);
  return patched;
}

function applyOperation(resource: ScimResourceJson, operation: PatchOperation, schemas: ResourceSchemas): void {
  if (operation.op === 'remove') return removeAt(resource, operation.path, operation.value, schemas);
  const { op, path, value } = operation;
  if (path === undefined) return writeValueObject(resource, op, value, schemas);
  if (isSchemasKey(path)) return;
  const target = parsePatchPath(path, schemas);
  if (target.kind === 'attribute') writeAttribute(resource, target, op, value);
  else writeExtensionObject(resource, target.extensionUri, op, value, schemas);
}

function removeAt(resource: ScimResourceJson, path: string, value: unknown, schemas: ResourceSchemas): void {
  if (isSchemasKey(path)) return;
  const target = parsePatchPath(path, schemas);
  if (target.kind === 'attribute') removeAttribute(resource, target, value);
  else delete resource[target.extensionUri];
}

/**
 * RFC 7644 §3.5.2.1: without a path, the value is an object whose keys are attribute paths. Okta sends
 * `{"active":false}`; Entra ID sends `"name.givenName"` and URN-qualified extension attributes as keys.
 */
function writeValueObject(resource: ScimResourceJson, op: 'add' | 'replace', value: unknown, schemas: ResourceSchemas): void {
  if (!isJsonObject(value)) {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, `"${op}" without a path needs an object value`);
  }
  for (const [key, attributeValue] of Object.entries(value)) {
    if (isSchemasKey(key)) continue;
    const target = parsePatchPath(key, schemas);
    if (target.kind === 'attribute') writeAttribute(resource, target, op, attributeValue);
    else writeExtensionObject(resource, target.extensionUri, op, attributeValue, schemas);
  }
}

/** `{"department":"X","manager":"42"}` for an extension: each key is one of its attributes; null unassigns them all. */
function writeExtensionObject(
  resource: ScimResourceJson,
  extensionUri: string,
  op: 'add' | 'replace',
  value: unknown,
  schemas: ResourceSchemas,
): void {
  if (value === null) {
    delete resource[extensionUri];
    return;
  }
  if (!isJsonObject(value)) throw ScimError.badRequest(ScimErrorType.InvalidValue, `${extensionUri} must be an object`);
  for (const [name, attributeValue] of Object.entries(value)) {
    const target = parsePatchPath(`${extensionUri}:${name}`, schemas);
    if (target.kind === 'attribute') writeAttribute(resource, target, op, attributeValue);
  }
}

/** RFC 7644 §3.5.2.2: unassigning a required attribute is a 400 with scimType "mutability". */
function assertRequiredAttributesKept(before: ScimResourceJson, after: ScimResourceJson, schemas: ResourceSchemas): void {
  const missingBefore = unassignedRequiredAttributes(before, schemas);
  const removed = unassignedRequiredAttributes(after, schemas).filter((name) => !missingBefore.includes(name));
  if (removed.length > 0) {
    throw ScimError.badRequest(ScimErrorType.Mutability, `${removed.join(', ')} is required and cannot be removed`);
  }
}
