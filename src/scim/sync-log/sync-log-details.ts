import { SkipReason } from '../../directory-integrations/entities/sync-log-entry.entity';

/** Whom a SCIM write was about, as far as a resource or a request body tells. */
export interface SyncSubject {
  userName: string | null;
  displayName: string | null;
  externalId: string | null;
}

/** The parts of an RFC 7644 §3.12 error body the sync log keeps. */
export interface SyncError {
  scimType: string | null;
  detail: string | null;
}

export const NO_SUBJECT: SyncSubject = { userName: null, displayName: null, externalId: null };
export const NO_ERROR: SyncError = { scimType: null, detail: null };

const MAX_USER_NAME_LENGTH = 320;
const MAX_NAME_LENGTH = 512;
const MAX_SCIM_TYPE_LENGTH = 32;
const MAX_DETAIL_LENGTH = 1024;

/**
 * The identifying attributes of a User or Group resource, of a POST/PUT body, or of the user or group row a write
 * returned (same names); NO_SUBJECT for anything else.
 */
export function subjectOf(body: unknown): SyncSubject {
  if (!isObject(body)) return NO_SUBJECT;
  return {
    userName: text(body.userName, MAX_USER_NAME_LENGTH),
    displayName: text(body.displayName, MAX_NAME_LENGTH),
    externalId: text(body.externalId, MAX_NAME_LENGTH),
  };
}

/** The sync-log fields of a write answered but not applied, with why (docs/ownership.md); none for any other. */
export function skippedWriteFields(skipped: string | undefined): { skipReason?: SkipReason; detail?: string | null } {
  return skipped === undefined ? {} : { skipReason: SkipReason.ManagedByAnotherSource, detail: text(skipped, MAX_DETAIL_LENGTH) };
}

export function hasSubject(subject: SyncSubject): boolean {
  return subject.userName !== null || subject.displayName !== null || subject.externalId !== null;
}

/** `scimType` and `detail` of an error body as sent: a JSON string or an object. */
export function scimErrorOf(body: unknown): SyncError {
  const parsed = typeof body === 'string' || Buffer.isBuffer(body) ? parseJson(body.toString()) : body;
  if (!isObject(parsed)) return NO_ERROR;
  return { scimType: text(parsed.scimType, MAX_SCIM_TYPE_LENGTH), detail: text(parsed.detail, MAX_DETAIL_LENGTH) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, length: number): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, length) : null;
}
