import { findByName } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError, ScimErrorType } from '../scim.error';
import { isJsonObject } from './json-object';
import { isUnassigned } from './unassigned-attributes';

/**
 * RFC 7644 §3.5.2: changing a read-only attribute is a 400 mutability. Clients echo read-only values back
 * (Okta sends a group's `id` in a no-path replace; full-resource echoes carry `meta`): a value equal to the
 * current one changes nothing and is accepted. A complex value is compared on the sub-attributes it gives.
 */
export function assertReadOnlyEcho(attribute: ScimAttributeDefinition, current: unknown, given: unknown, path: string): void {
  if (attribute.type === 'complex' && !attribute.multiValued && isJsonObject(given)) {
    for (const [key, value] of Object.entries(given)) {
      const subAttribute = findByName(attribute.subAttributes ?? [], key);
      if (!subAttribute)
        throw ScimError.badRequest(ScimErrorType.InvalidValue, `${path}: "${key}" is not a sub-attribute of ${attribute.name}`);
      assertReadOnlyEcho(
        subAttribute,
        isJsonObject(current) ? current[subAttribute.name] : undefined,
        value,
        `${path}.${subAttribute.name}`,
      );
    }
    return;
  }
  if (!sameValue(attribute, current, given)) {
    throw ScimError.badRequest(ScimErrorType.Mutability, `${path} is read-only and cannot be changed`);
  }
}

function sameValue(attribute: ScimAttributeDefinition, current: unknown, given: unknown): boolean {
  if (given === undefined || given === null) return isUnassigned(current);
  // A user's `groups` is not part of the resource a PATCH is applied to, so an echo cannot be checked.
  if (attribute.multiValued || attribute.type === 'complex') return false;
  if (attribute.type === 'dateTime' && typeof current === 'string' && typeof given === 'string') {
    return Date.parse(current) === Date.parse(given) && !Number.isNaN(Date.parse(given));
  }
  if (typeof current === 'string' && typeof given === 'string' && !attribute.caseExact) {
    return current.toLowerCase() === given.toLowerCase();
  }
  return current === given;
}
