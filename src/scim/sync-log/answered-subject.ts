import type { Response } from 'express';
import { NO_SUBJECT, SyncSubject } from './sync-log-details';

const ANSWERED_SUBJECT = 'scimSyncSubject';
const SKIPPED_WRITE = 'scimSkippedWrite';

/** Names whom the write being answered was about, as the command wrote it, for the exchange's sync-log entry. */
export function nameAnsweredSubject(response: Response, subject: SyncSubject): void {
  (response.locals as Record<string, unknown>)[ANSWERED_SUBJECT] = subject;
}

/** Whom the command that answered said the write was about; NO_SUBJECT when it said nothing (a failure, a DELETE). */
export function answeredSubjectOf(response: Response): SyncSubject {
  return ((response.locals as Record<string, unknown>)[ANSWERED_SUBJECT] as SyncSubject | undefined) ?? NO_SUBJECT;
}

/** Notes that the write being answered was not applied, and why (docs/ownership.md), for its sync-log entry. */
export function noteSkippedWrite(response: Response, detail: string): void {
  (response.locals as Record<string, unknown>)[SKIPPED_WRITE] = detail;
}

/** Why the write answered was skipped; undefined when it was applied or failed. */
export function skippedWriteOf(response: Response): string | undefined {
  return (response.locals as Record<string, unknown>)[SKIPPED_WRITE] as string | undefined;
}
