import { isDeepStrictEqual } from 'node:util';
import { ChangedValue, NewChangeEvent, UserSubject } from '../events/change-event';
import { UserAccount, UserState } from './entities/user-account.entity';

/** What a change event says about a user, by its state after the change. */
export function userSubject(user: UserAccount): UserSubject {
  return { type: 'user', id: user.id, userName: user.userName, externalId: user.externalId };
}

export function userCreatedEvent(user: UserAccount): NewChangeEvent {
  return {
    type: 'user.created',
    subject: userSubject(user),
    data: { state: user.state, displayName: user.displayName, attributes: user.attributes },
  };
}

/**
 * The events of one write: `user.updated` naming each changed profile field (attributes by their top-level name),
 * then the lifecycle event of a changed state. None when the write changed nothing.
 */
export function userChangeEvents(before: UserAccount, after: UserAccount): NewChangeEvent[] {
  const events: NewChangeEvent[] = [];
  const changes = profileChanges(before, after);
  if (Object.keys(changes).length > 0) events.push({ type: 'user.updated', subject: userSubject(after), data: { changes } });
  const lifecycle = lifecycleEvent(before, after);
  if (lifecycle) events.push(lifecycle);
  return events;
}

/** The lifecycle event of a state change; null when the state stayed. */
export function lifecycleEvent(before: UserAccount, after: UserAccount): NewChangeEvent | null {
  if (before.state === after.state) return null;
  const state: ChangedValue<UserState> = { before: before.state, after: after.state };
  return { type: lifecycleEventType(before.state, after.state), subject: userSubject(after), data: { state } };
}

function lifecycleEventType(before: UserState, after: UserState): NewChangeEvent['type'] {
  switch (after) {
    case UserState.Deleted:
      return 'user.deleted';
    case UserState.Disabled:
      return 'user.disabled';
    case UserState.Active:
      return before === UserState.Provisioned ? 'user.master_password_set' : 'user.enabled';
    case UserState.Provisioned:
      return 'user.enabled';
  }
}

function profileChanges(before: UserAccount, after: UserAccount): Record<string, ChangedValue> {
  const changes: Record<string, ChangedValue> = {};
  for (const field of ['userName', 'externalId', 'displayName'] as const) {
    if (before[field] !== after[field]) changes[field] = { before: before[field], after: after[field] };
  }
  const names = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  for (const name of names) {
    const was = before.attributes[name];
    const is = after.attributes[name];
    if (!isDeepStrictEqual(was, is)) changes[name] = { before: was ?? null, after: is ?? null };
  }
  return changes;
}
