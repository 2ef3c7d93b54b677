import { GroupChange } from '../../groups/group-change';
import { GROUP_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { normalizeSingleValue } from './attribute-value';
import { isRemoveApplied, isWriteApplied, ReadOnlyEcho } from './changeable-target';
import { isJsonObject } from './json-object';
import { readMemberIds } from './member-ids';
import { PatchOperation } from './patch-operation';
import { AttributeTarget, isSchemasKey, parsePatchPath } from './patch-path';
import { assertSchemasDeclared, readSchemasDeclaration, schemasNotRemovable } from './schemas-declaration';
import { ValueFilter } from './value-filter';

export interface PlannedGroupPatch {
  steps: GroupChange[];
  /** `meta` values the request echoes, to compare with the group before anything is written. */
  echoes: ReadOnlyEcho[];
}

/**
 * Turns Group PATCH operations into steps over displayName, externalId and membership. Takes the forms
 * Okta (`members[value eq "…"]` removal, no-path replace of `{id, displayName}`) and Entra ID (capitalised
 * ops, member value lists for Add and Remove, `"$ref": null`) send. An echoed `id` must be the group's own,
 * a `schemas` list the Group schema; anything that cannot be applied is a 400 naming it.
 */
export function planGroupPatch(operations: PatchOperation[], groupId: string): PlannedGroupPatch {
  const echoes: ReadOnlyEcho[] = [];
  const current = { id: groupId };
  const steps = operations.flatMap((operation) => planOperation(operation, current, echoes));
  return { steps: collapse(steps), echoes };
}

function planOperation(operation: PatchOperation, current: { id: string }, echoes: ReadOnlyEcho[]): GroupChange[] {
  if (operation.op === 'remove') return planRemove(operation.path, operation.value);
  const { op, path, value } = operation;
  if (path !== undefined) return planWrite(op, path, value, current, echoes);
  if (!isJsonObject(value)) throw ScimError.badRequest(ScimErrorType.InvalidValue, `"${op}" without a path needs an object value`);
  return Object.entries(value).flatMap(([key, attributeValue]) => planWrite(op, key, attributeValue, current, echoes));
}

function planWrite(op: 'add' | 'replace', path: string, value: unknown, current: { id: string }, echoes: ReadOnlyEcho[]): GroupChange[] {
  if (isSchemasKey(path)) {
    const declared = readSchemasDeclaration(value, GROUP_RESOURCE_SCHEMAS, 'schemas');
    if (op === 'replace') assertSchemasDeclared(declared, {}, GROUP_RESOURCE_SCHEMAS);
    return [];
  }
  const target = attributeTarget(path);
  if (target.attribute.name === 'meta') {
    echoes.push({ target, value });
    return [];
  }
  // A member's `display` (Okta sends it) names the user the member is; it is read past, not written.
  if (target.attribute.name !== 'members' && !isWriteApplied(current, target, value)) return [];
  switch (target.attribute.name) {
    case 'displayName':
      return [{ kind: 'setDisplayName', value: displayName(target, value) }];
    case 'externalId':
      return [{ kind: 'setExternalId', value: externalId(target, value) }];
    case 'members':
      if (target.filter || target.subAttribute) throw invalidPath(path, `"${op}" takes the members list itself`);
      return [{ kind: op === 'add' ? 'addMembers' : 'replaceMembers', userIds: readMemberIds(value, path) }];
    default:
      throw invalidPath(path, 'not a Group attribute that can be changed');
  }
}

function planRemove(path: string, value: unknown): GroupChange[] {
  if (isSchemasKey(path)) throw schemasNotRemovable();
  const target = attributeTarget(path);
  if (!isRemoveApplied(target)) return [];
  switch (target.attribute.name) {
    case 'displayName':
      throw ScimError.badRequest(ScimErrorType.Mutability, 'displayName is required and cannot be removed (RFC 7644 §3.5.2.2)');
    case 'externalId':
      return [{ kind: 'setExternalId', value: null }];
    case 'members':
      if (target.subAttribute) throw invalidPath(path, 'remove members, not a sub-attribute of them');
      if (target.filter) return [{ kind: 'removeMembers', userIds: [memberIdOfFilter(target.filter, path)] }];
      if (value === undefined || value === null) return [{ kind: 'removeAllMembers' }];
      return [{ kind: 'removeMembers', userIds: readMemberIds(value, path) }];
    default:
      throw invalidPath(path, 'not a Group attribute that can be changed');
  }
}

function attributeTarget(path: string): AttributeTarget {
  const target = parsePatchPath(path, GROUP_RESOURCE_SCHEMAS);
  if (target.kind !== 'attribute') throw invalidPath(path, 'no such attribute');
  return target;
}

function displayName(target: AttributeTarget, value: unknown): string {
  const name = normalizeSingleValue(target.attribute, value, target.path);
  if (name === null) throw ScimError.badRequest(ScimErrorType.Mutability, 'displayName is required and cannot be removed');
  if (typeof name !== 'string' || name.trim() === '') throw invalidValue('displayName must not be empty');
  return name;
}

function externalId(target: AttributeTarget, value: unknown): string | null {
  const id = normalizeSingleValue(target.attribute, value, target.path);
  return typeof id === 'string' ? id : null;
}

/** Okta's `members[value eq "<id>"]`: the only filter a membership removal can run as a statement. */
function memberIdOfFilter(filter: ValueFilter, path: string): string {
  const [comparison] = filter;
  if (filter.length === 1 && comparison.operator === 'eq' && comparison.subAttribute.name === 'value') {
    if (typeof comparison.value === 'string' && comparison.value !== '') return comparison.value;
  }
  throw ScimError.badRequest(ScimErrorType.InvalidFilter, `Unsupported filter in "${path}": use members[value eq "<id>"]`);
}

function collapse(steps: GroupChange[]): GroupChange[] {
  const collapsed: GroupChange[] = [];
  for (const step of steps) {
    if ((step.kind === 'addMembers' || step.kind === 'removeMembers') && step.userIds.length === 0) continue;
    const last = collapsed.at(-1);
    const merged = last && mergeNeighbours(last, step);
    if (merged) collapsed[collapsed.length - 1] = merged;
    else collapsed.push(step);
  }
  return collapsed;
}

/** One step doing what two neighbours of one kind do: member lists are joined, a later set or replace wins. */
function mergeNeighbours(previous: GroupChange, next: GroupChange): GroupChange | undefined {
  if (previous.kind === 'addMembers' && next.kind === 'addMembers') {
    return { kind: 'addMembers', userIds: union(previous.userIds, next.userIds) };
  }
  if (previous.kind === 'removeMembers' && next.kind === 'removeMembers') {
    return { kind: 'removeMembers', userIds: union(previous.userIds, next.userIds) };
  }
  return previous.kind === next.kind ? next : undefined;
}

function union(first: string[], second: string[]): string[] {
  return [...new Set([...first, ...second])];
}

function invalidPath(path: string, reason: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidPath, `Invalid path "${path}": ${reason}`);
}

function invalidValue(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidValue, detail);
}
