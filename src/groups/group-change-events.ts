import { ChangedValue, GroupSubject, NewChangeEvent } from '../events/change-event';
import { Group } from './entities/group.entity';

/** A user as a membership event names it. */
export interface MemberIdentity {
  id: string;
  userName: string;
  externalId: string | null;
}

export function groupSubject(group: Pick<Group, 'id' | 'displayName' | 'externalId'>): GroupSubject {
  return { type: 'group', id: group.id, displayName: group.displayName, externalId: group.externalId };
}

export function groupCreatedEvent(group: Group): NewChangeEvent {
  return { type: 'group.created', subject: groupSubject(group), data: {} };
}

/** `group.updated` naming the changed attributes (a rename changes displayName); null when none changed. */
export function groupUpdatedEvent(before: Group, after: Group): NewChangeEvent | null {
  const changes: Record<string, ChangedValue> = {};
  if (before.displayName !== after.displayName) changes.displayName = { before: before.displayName, after: after.displayName };
  if (before.externalId !== after.externalId) changes.externalId = { before: before.externalId, after: after.externalId };
  return Object.keys(changes).length > 0 ? { type: 'group.updated', subject: groupSubject(after), data: { changes } } : null;
}

export function groupDeletedEvent(group: Group, memberCount: number): NewChangeEvent {
  return { type: 'group.deleted', subject: groupSubject(group), data: { memberCount } };
}

export function memberEvents(
  type: 'group.member_added' | 'group.member_removed',
  group: Pick<Group, 'id' | 'displayName' | 'externalId'>,
  users: readonly MemberIdentity[],
): NewChangeEvent[] {
  const subject = groupSubject(group);
  return users.map((user) => ({ type, subject, data: { user: { id: user.id, userName: user.userName, externalId: user.externalId } } }));
}
