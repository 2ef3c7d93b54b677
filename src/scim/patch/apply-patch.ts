import { ResourceSchemas } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { isRemoveApplied, isWriteApplied } from './changeable-target';
import { isJsonObject, ScimResourceJson } from './json-object';
import { PatchOperation } from './patch-operation';
import { AttributeTarget, isSchemasKey, parsePatchPath } from './patch-path';
import { removeAttribute } from './remove-attribute';
import { assertSchemasDeclared, readSchemasDeclaration, schemasNotRemovable } from './schemas-declaration';
import { isUnassigned, pruneUnassigned, unassignedRequiredAttributes } from './unassigned-attributes';
import { writeAttribute } from './write-attribute';

export interface PatchRules {
  /** Core attributes that, like required ones, cannot be unassigned, with the reason the error gives. */
  alwaysAssigned?: Record<string, string>;
}

/** One PATCH in progress: the copy being changed, and the `schemas` lists replaced along the way. */
interface PatchState {
  resource: ScimResourceJson;
  schemas: ResourceSchemas;
  declaredSchemas: string[][];
}

/**
 * Applies RFC 7644 §3.5.2 operations, in order, to a copy of a full resource and returns the copy; the
 * input is never changed, and any error aborts the whole PATCH. Every operation is applied or answered
 * with a 400 naming it. Unassigned attributes are left out of the result.
 */
export function applyPatch(
  resource: ScimResourceJson,
  operations: PatchOperation[],
  schemas: ResourceSchemas,
  rules: PatchRules = {},
): ScimResourceJson {
  const state: PatchState = { resource: structuredClone(resource), schemas, declaredSchemas: [] };
  for (const operation of operations) applyOperation(state, operation);
  pruneUnassigned(state.resource, schemas);
  for (const declared of state.declaredSchemas) assertSchemasDeclared(declared, state.resource, schemas);
  assertRequiredAttributesKept(resource, state.resource, schemas, rules);
  return state.resource;
}

function applyOperation(state: PatchState, operation: PatchOperation): void {
  if (operation.op === 'remove') return removeAt(state, operation.path, operation.value);
  const { op, path, value } = operation;
  if (path === undefined) return writeValueObject(state, op, value);
  writeAt(state, op, path, value);
}

function writeAt(state: PatchState, op: 'add' | 'replace', path: string, value: unknown): void {
  if (isSchemasKey(path)) return declareSchemas(state, op, value);
  const target = parsePatchPath(path, state.schemas);
  if (target.kind === 'attribute') write(state, target, op, value);
  else writeExtensionObject(state, target.extensionUri, op, value);
}

function removeAt(state: PatchState, path: string, value: unknown): void {
  if (isSchemasKey(path)) throw schemasNotRemovable();
  const target = parsePatchPath(path, state.schemas);
  if (target.kind === 'extension') {
    if (value !== undefined && value !== null) {
      throw ScimError.badRequest(
        ScimErrorType.InvalidValue,
        `"remove" of ${target.extensionUri} clears the whole extension and takes no value; remove one attribute with the path ${target.extensionUri}:<attribute>`,
      );
    }
    delete state.resource[target.extensionUri];
  } else if (isRemoveApplied(target)) {
    removeAttribute(state.resource, target, value);
  }
}

/**
 * RFC 7644 §3.5.2.1: without a path, the value is an object whose keys are attribute paths. Okta sends
 * `{"active":false}`; Entra ID sends `"name.givenName"` and URN-qualified extension attributes as keys.
 */
function writeValueObject(state: PatchState, op: 'add' | 'replace', value: unknown): void {
  if (!isJsonObject(value)) {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, `"${op}" without a path needs an object value`);
  }
  for (const [key, attributeValue] of Object.entries(value)) writeAt(state, op, key, attributeValue);
}

/** `{"department":"X","manager":"42"}` for an extension: each key is one of its attributes; null unassigns them all. */
function writeExtensionObject(state: PatchState, extensionUri: string, op: 'add' | 'replace', value: unknown): void {
  if (value === null) {
    delete state.resource[extensionUri];
    return;
  }
  if (!isJsonObject(value)) throw ScimError.badRequest(ScimErrorType.InvalidValue, `${extensionUri} must be an object`);
  for (const [name, attributeValue] of Object.entries(value)) {
    const path = `${extensionUri}:${name}`;
    // SDK clients send the extension object with its own `schemas` list.
    if (isSchemasKey(name)) readSchemasDeclaration(attributeValue, state.schemas, path);
    else write(state, attributeTarget(path, state.schemas), op, attributeValue);
  }
}

function write(state: PatchState, target: AttributeTarget, op: 'add' | 'replace', value: unknown): void {
  if (isWriteApplied(state.resource, target, value)) writeAttribute(state.resource, target, op, value);
}

/** `add` names schemas the resource uses; `replace` states the whole list, checked once all operations ran. */
function declareSchemas(state: PatchState, op: 'add' | 'replace', value: unknown): void {
  const declared = readSchemasDeclaration(value, state.schemas, 'schemas');
  if (op === 'replace') state.declaredSchemas.push(declared);
}

function attributeTarget(path: string, schemas: ResourceSchemas): AttributeTarget {
  const target = parsePatchPath(path, schemas);
  if (target.kind !== 'attribute') throw ScimError.badRequest(ScimErrorType.InvalidPath, `Invalid path "${path}": no such attribute`);
  return target;
}

/**
 * RFC 7644 §3.5.2.2: unassigning a required attribute is a 400 with scimType "mutability"; so is unassigning
 * one the resource type needs assigned for another reason (`rules.alwaysAssigned`).
 */
function assertRequiredAttributesKept(
  before: ScimResourceJson,
  after: ScimResourceJson,
  schemas: ResourceSchemas,
  rules: PatchRules,
): void {
  const missingBefore = unassignedRequiredAttributes(before, schemas);
  const removed = unassignedRequiredAttributes(after, schemas).filter((name) => !missingBefore.includes(name));
  if (removed.length > 0) {
    throw ScimError.badRequest(ScimErrorType.Mutability, `${removed.join(', ')} is required and cannot be removed`);
  }
  for (const [name, reason] of Object.entries(rules.alwaysAssigned ?? {})) {
    if (!isUnassigned(before[name]) && isUnassigned(after[name])) {
      throw ScimError.badRequest(ScimErrorType.Mutability, `${name} cannot be removed: ${reason}`);
    }
  }
}
