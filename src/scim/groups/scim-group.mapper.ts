import { Group } from '../../groups/entities/group.entity';
import { GroupDefinition } from '../../groups/group-change';
import { GroupMemberView } from '../../groups/groups.service';
import { ScimResourceJson } from '../patch/json-object';
import { readMemberIds } from '../patch/member-ids';
import { ScimSchemaUri } from '../scim.constants';
import { ScimError, ScimErrorType } from '../scim.error';
import { weakEtag } from '../scim-etag';

export type ScimResource = Record<string, unknown>;

/** RFC 7643 §4.2 `members` element; only users are members here. */
export interface ScimGroupMember {
  value: string;
  $ref: string;
  display: string;
  type: 'User';
}

/**
 * SCIM Group → group definition. The input is a normalised resource (canonical attribute names, read-only
 * attributes such as id, meta and members' display dropped).
 */
export function toGroupDefinition(resource: ScimResourceJson): GroupDefinition {
  const displayName = resource.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, 'displayName is required and must be a non-empty string');
  }
  const externalId = resource.externalId;
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, 'externalId must be a string');
  }
  return { displayName, externalId: externalId ?? null, memberIds: readMemberIds(resource.members) };
}

/** The group without `members`: those are rendered apart, in chunks (see ScimGroupPresenter). */
export function toScimGroup(group: Group, location: string): ScimResource {
  return {
    schemas: [ScimSchemaUri.Group],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location,
      version: weakEtag(group.version),
    },
  };
}

export function toScimGroupMember(member: GroupMemberView, location: string): ScimGroupMember {
  return { value: member.userId, $ref: location, display: member.displayName ?? member.userName, type: 'User' };
}
