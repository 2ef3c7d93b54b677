import { findByName } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { isJsonObject, ScimResourceJson } from './json-object';
import { AttributeTarget } from './patch-path';
import { assertReadOnlyEcho } from './read-only-echo';

/**
 * Whether an add or replace at the target writes anything. False for what is accepted without being
 * stored: a read-only value echoed unchanged, and a `password` (Okta "sync password"; the vault is
 * zero-knowledge). What the service would otherwise skip is a 400 naming it.
 */
export function isWriteApplied(resource: ScimResourceJson, target: AttributeTarget, value: unknown): boolean {
  const { attribute, subAttribute, path } = target;
  if (attribute.mutability === 'writeOnly') return false;
  if (attribute.mutability === 'readOnly' || subAttribute?.mutability === 'readOnly') {
    if (attribute.multiValued) throw readOnly(path);
    assertReadOnlyEcho(subAttribute ?? attribute, currentValue(resource, target), value, path);
    return false;
  }
  if (!subAttribute && attribute.type === 'complex') assertSubAttributesWritable(resource, target, value);
  return true;
}

/** A read-only value a request echoes, to compare with a resource read apart from the PATCH (a group's `meta`). */
export interface ReadOnlyEcho {
  target: AttributeTarget;
  value: unknown;
}

export function assertEchoesMatch(resource: ScimResourceJson, echoes: ReadOnlyEcho[]): void {
  for (const { target, value } of echoes) isWriteApplied(resource, target, value);
}

/** Whether a remove at the target removes anything: false for the never-stored `password`. */
export function isRemoveApplied(target: AttributeTarget): boolean {
  const { attribute, subAttribute, path } = target;
  if (attribute.mutability === 'writeOnly') return false;
  if (attribute.mutability === 'readOnly' || subAttribute?.mutability === 'readOnly') throw readOnly(path, 'removed');
  return true;
}

/** Every key of a complex value must be a sub-attribute; read-only ones only echo the current value. */
function assertSubAttributesWritable(resource: ScimResourceJson, target: AttributeTarget, value: unknown): void {
  const { attribute, path } = target;
  const current = currentValue(resource, target);
  for (const element of Array.isArray(value) ? value : [value]) {
    if (!isJsonObject(element)) continue;
    for (const [key, subValue] of Object.entries(element)) {
      const subAttribute = findByName(attribute.subAttributes ?? [], key);
      if (!subAttribute) {
        throw ScimError.badRequest(ScimErrorType.InvalidValue, `${path}: "${key}" is not a sub-attribute of ${attribute.name}`);
      }
      if (subAttribute.mutability !== 'readOnly' || subValue === null) continue;
      if (attribute.multiValued) throw readOnly(`${path}.${subAttribute.name}`);
      assertReadOnlyEcho(
        subAttribute,
        isJsonObject(current) ? current[subAttribute.name] : undefined,
        subValue,
        `${path}.${subAttribute.name}`,
      );
    }
  }
}

function currentValue(resource: ScimResourceJson, { extensionUri, attribute, subAttribute }: AttributeTarget): unknown {
  const container = extensionUri === undefined ? resource : resource[extensionUri];
  const value = isJsonObject(container) ? container[attribute.name] : undefined;
  if (!subAttribute) return value;
  return isJsonObject(value) ? value[subAttribute.name] : undefined;
}

function readOnly(path: string, verb = 'changed'): ScimError {
  return ScimError.badRequest(ScimErrorType.Mutability, `${path} is read-only and cannot be ${verb}`);
}
