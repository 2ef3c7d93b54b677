import { UserAccount } from '../../accounts/entities/user-account.entity';
import { UserProfile } from '../../accounts/user-accounts.repository';
import { isActiveState } from '../../accounts/user-lifecycle';
import { ScimSchemaUri } from '../scim.constants';
import { ScimError, ScimErrorType } from '../scim.error';
import { weakEtag } from '../scim-etag';

export type ScimResource = Record<string, unknown>;

export interface UserGroupReference {
  value: string;
  $ref: string;
  display: string;
  type: 'direct';
}

/** Column sizes of user_accounts: longer values are refused before they reach SQL. */
const MAX_LENGTH = { userName: 320, externalId: 512, displayName: 512 } as const;

/** Attributes kept in their own columns or derived: never stored in the `attributes` document. */
const NOT_IN_ATTRIBUTES = new Set(['schemas', 'id', 'meta', 'userName', 'externalId', 'displayName', 'active', 'groups', 'password']);

/**
 * SCIM User ↔ account. The input is a normalised resource (canonical attribute names, enterprise
 * attributes under their URN key, write-only and read-only attributes already dropped).
 */
export function toUserChange(resource: ScimResource): { profile: UserProfile; active?: boolean } {
  const userName = resource.userName;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, 'userName is required and must be a non-empty string');
  }
  assertMaxLength('userName', userName.trim());
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (!NOT_IN_ATTRIBUTES.has(key) && value !== undefined && value !== null) attributes[key] = value;
  }
  return {
    profile: {
      userName: userName.trim(),
      externalId: optionalString(resource, 'externalId'),
      displayName: optionalString(resource, 'displayName'),
      attributes,
    },
    active: typeof resource.active === 'boolean' ? resource.active : undefined,
  };
}

export function toScimUser(user: UserAccount, location: string, groups?: UserGroupReference[]): ScimResource {
  const { [ScimSchemaUri.EnterpriseUser]: enterprise, ...coreAttributes } = user.attributes;
  return {
    schemas: enterprise ? [ScimSchemaUri.User, ScimSchemaUri.EnterpriseUser] : [ScimSchemaUri.User],
    id: user.id,
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    userName: user.userName,
    ...(user.displayName !== null ? { displayName: user.displayName } : {}),
    active: isActiveState(user.state),
    ...coreAttributes,
    ...(enterprise ? { [ScimSchemaUri.EnterpriseUser]: enterprise } : {}),
    ...(groups?.length ? { groups } : {}),
    meta: {
      resourceType: 'User',
      created: user.createdAt.toISOString(),
      lastModified: user.updatedAt.toISOString(),
      location,
      version: weakEtag(user.version),
    },
  };
}

function optionalString(resource: ScimResource, key: 'externalId' | 'displayName'): string | null {
  const value = resource[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw ScimError.badRequest(ScimErrorType.InvalidValue, `${key} must be a string`);
  assertMaxLength(key, value);
  return value;
}

function assertMaxLength(key: keyof typeof MAX_LENGTH, value: string): void {
  if (value.length > MAX_LENGTH[key]) {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, `${key} must be at most ${MAX_LENGTH[key]} characters`);
  }
}
