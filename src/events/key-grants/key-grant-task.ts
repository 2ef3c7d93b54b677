/** What the encryption service is asked to do: wrap a group's key for a user, or take it away. */
export enum KeyGrantKind {
  Grant = 'grant',
  Revoke = 'revoke',
}

/**
 * `queued` waits for a lease (also after an expired lease or a retryable failure), `leased` is with the encryption
 * service, `completed` and `failed` are its answers, `cancelled` was superseded by a later change before any lease.
 */
export enum KeyGrantState {
  Queued = 'queued',
  Leased = 'leased',
  Completed = 'completed',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

/**
 * One unit of key hand-off work. `groupId` null: every group of the user (a user revoked or re-enabled); `userId`
 * null: every holder of the group's key (the group was deleted, its key is retired).
 */
export interface KeyGrantTask {
  id: string;
  kind: KeyGrantKind;
  state: KeyGrantState;
  companyId: string;
  groupId: string | null;
  userId: string | null;
  userName: string | null;
  groupDisplayName: string | null;
  /** The change event this task came from. */
  eventId: string;
  attempt: number;
  createdAt: Date;
  leaseExpiresAt: Date | null;
  lastError: string | null;
  finishedAt: Date | null;
}

/** A task to queue, as the planner derives it from a change event. */
export interface NewKeyGrantTask {
  kind: KeyGrantKind;
  companyId: string;
  groupId: string | null;
  userId: string | null;
  userName: string | null;
  groupDisplayName: string | null;
  eventId: string;
  eventPosition: string;
  /** The queued task of the opposite kind this one cancelled, if any. */
  supersedes: string | null;
}
