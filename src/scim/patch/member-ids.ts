import { ScimError, ScimErrorType } from '../scim.error';
import { getIgnoringCase, isJsonObject } from './json-object';

/**
 * The user ids of a Group `members` value — `[{"value":"u1","display":"…","$ref":null}]`, or one such
 * object — each once. A member without a string `value` is a 400 invalidValue. Also for POST and PUT bodies.
 */
export function readMemberIds(value: unknown, path = 'members'): string[] {
  if (value === undefined || value === null) return [];
  const members = Array.isArray(value) ? value : [value];
  const ids = members.map((member, index) => {
    const id = isJsonObject(member) ? getIgnoringCase(member, 'value') : undefined;
    if (typeof id !== 'string' || id.trim() === '') {
      throw ScimError.badRequest(ScimErrorType.InvalidValue, `${path}[${index}] needs the member's id as a string "value"`);
    }
    return id;
  });
  return [...new Set(ids)];
}
