import { isDeepStrictEqual } from 'node:util';
import { UserAccount } from '../../accounts/entities/user-account.entity';
import { UserProfile } from '../../accounts/user-accounts.repository';

/** The user fields of the Provisioning API: a field left out stays as it is, null clears it. */
export interface ApiUserFields {
  email?: string;
  externalId?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
}

/** The profile of a new user. Names and the email are kept the way SCIM keeps them, so every surface shows them alike. */
export function newUserProfile(fields: ApiUserFields & { email: string }): UserProfile {
  return changedUserProfile({ userName: fields.email, externalId: null, displayName: null, attributes: {} }, fields);
}

/** The user's profile with the given fields applied; other attributes (e.g. set over SCIM) are kept. */
export function changedUserProfile(
  current: Pick<UserAccount, 'userName' | 'externalId' | 'displayName' | 'attributes'>,
  fields: ApiUserFields,
): UserProfile {
  const attributes = { ...current.attributes };
  const name = { ...((attributes.name as Record<string, unknown> | undefined) ?? {}) };
  setOrClear(name, 'givenName', fields.givenName);
  setOrClear(name, 'familyName', fields.familyName);
  if (Object.keys(name).length > 0) attributes.name = name;
  else delete attributes.name;
  const userName = fields.email ?? current.userName;
  if (fields.email !== undefined || attributes.emails === undefined) attributes.emails = withPrimaryEmail(attributes.emails, userName);
  return {
    userName,
    externalId: fields.externalId === undefined ? current.externalId : fields.externalId,
    displayName: fields.displayName === undefined ? current.displayName : fields.displayName,
    attributes,
  };
}

/** Whether applying `next` to the user would change nothing. */
export function sameProfile(
  current: Pick<UserAccount, 'userName' | 'externalId' | 'displayName' | 'attributes'>,
  next: UserProfile,
): boolean {
  return (
    current.userName === next.userName &&
    current.externalId === next.externalId &&
    current.displayName === next.displayName &&
    isDeepStrictEqual(current.attributes, next.attributes)
  );
}

function setOrClear(target: Record<string, unknown>, key: string, value: string | null | undefined): void {
  if (value === null) delete target[key];
  else if (value !== undefined) target[key] = value;
}

/** The emails with `email` as the primary work address, replacing the previous primary one. */
function withPrimaryEmail(emails: unknown, email: string): unknown[] {
  const others: unknown[] = Array.isArray(emails) ? emails.filter((entry: { primary?: unknown } | null) => entry?.primary !== true) : [];
  return [{ value: email, type: 'work', primary: true }, ...others];
}
