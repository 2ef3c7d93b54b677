import { ChangeSource } from '../common/auth/change-source';

/** Every kind of change an event reports; docs/events.md describes each one's `data`. */
export const CHANGE_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.deleted',
  'user.master_password_set',
  'user.master_password_reset_requested',
  'user.master_password_reset_completed',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
] as const;

export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];

export interface UserSubject {
  type: 'user';
  id: string;
  userName: string;
  externalId: string | null;
}

export interface GroupSubject {
  type: 'group';
  id: string;
  displayName: string;
  externalId: string | null;
}

export type EventSubject = UserSubject | GroupSubject;

/** A value before and after a change; absent keys were unchanged. */
export interface ChangedValue<T = unknown> {
  before: T;
  after: T;
}

/** An event as the changing module states it; the outbox adds id, time, source, position and sequence. */
export interface NewChangeEvent {
  type: ChangeEventType;
  subject: EventSubject;
  data: Record<string, unknown>;
}

/**
 * A sequenced event as consumers see it. `position` orders the events of every company, `sequence` those of one
 * company; both are gap-free and increasing, as decimal strings (64-bit).
 */
export interface ChangeEvent {
  id: string;
  type: ChangeEventType;
  companyId: string;
  occurredAt: string;
  position: string;
  sequence: string;
  source: ChangeSource;
  subject: EventSubject;
  data: Record<string, unknown>;
}
