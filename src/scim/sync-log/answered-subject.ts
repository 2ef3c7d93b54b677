import type { Response } from 'express';
import { NO_SUBJECT, SyncSubject } from './sync-log-details';

const ANSWERED_SUBJECT = 'scimSyncSubject';

/** Names whom the write being answered was about, as the command wrote it, for the exchange's sync-log entry. */
export function nameAnsweredSubject(response: Response, subject: SyncSubject): void {
  (response.locals as Record<string, unknown>)[ANSWERED_SUBJECT] = subject;
}

/** Whom the command that answered said the write was about; NO_SUBJECT when it said nothing (a failure, a DELETE). */
export function answeredSubjectOf(response: Response): SyncSubject {
  return ((response.locals as Record<string, unknown>)[ANSWERED_SUBJECT] as SyncSubject | undefined) ?? NO_SUBJECT;
}
