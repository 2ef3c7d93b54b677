const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export type ProviderShape = 'okta' | 'entra-id';

/** Even users come from the Okta integration, odd ones from Entra ID, as in SCIM-COMPAT.md. */
export function shapeOf(index: number): ProviderShape {
  return index % 2 === 0 ? 'okta' : 'entra-id';
}

export function userNameOf(runId: string, index: number): string {
  return `bench.user${index}.${runId}@bench.test`;
}

export function externalIdOf(runId: string, index: number): string {
  // Okta ids look like 00u1a2b3c4D5e6F7g8h9; Entra ID's objectId is a GUID.
  const hex = index.toString(16).padStart(12, '0');
  return shapeOf(index) === 'okta' ? `00u${runId}${hex}` : `${runId.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${hex}`;
}

function names(index: number): { givenName: string; familyName: string } {
  return { givenName: `Given${index}`, familyName: `Family${index % 997}` };
}

export function createUserBody(runId: string, index: number, managerId: string | undefined): Record<string, unknown> {
  const userName = userNameOf(runId, index);
  const { givenName, familyName } = names(index);
  if (shapeOf(index) === 'okta') {
    return {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName, familyName },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: `${givenName} ${familyName}`,
      locale: 'en-US',
      externalId: externalIdOf(runId, index),
      groups: [],
      password: `Okta-sync-${index}-Pa55word!`,
      active: true,
    };
  }
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId: externalIdOf(runId, index),
    userName,
    active: true,
    displayName: `${givenName} ${familyName}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    name: { formatted: `${givenName} ${familyName}`, familyName, givenName },
    [ENTERPRISE_SCHEMA]: {
      employeeNumber: String(100000 + index),
      department: `Department ${index % 50}`,
      ...(managerId ? { manager: { value: managerId } } : {}),
    },
  };
}

/** The same body as createUserBody, under a userName and externalId of a set of its own (`label`). */
export function labelledUserBody(runId: string, label: string, index: number, managerId: string | undefined): Record<string, unknown> {
  const body = createUserBody(runId, index, managerId);
  const userName = `bench.${label}${index}.${runId}@bench.test`;
  return {
    ...body,
    userName,
    emails: [{ primary: true, value: userName, type: 'work' }],
    externalId: `${label}-${externalIdOf(runId, index)}`,
  };
}

/** A BulkRequest of one POST /Users per body. */
export function bulkCreateBody(bodies: Record<string, unknown>[]): Record<string, unknown> {
  return {
    schemas: [BULK_REQUEST],
    Operations: bodies.map((data, index) => ({ method: 'POST', path: '/Users', bulkId: `u${index}`, data })),
  };
}

/** What the service keeps in user_accounts.attributes for such a body: the raw baseline inserts the same. */
export function storedAttributesOf(body: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...body };
  for (const key of ['schemas', 'userName', 'externalId', 'displayName', 'active', 'groups', 'password']) delete kept[key];
  return kept;
}

export function deactivateBody(index: number): Record<string, unknown> {
  return shapeOf(index) === 'okta'
    ? { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }
    : { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
}

export function createGroupBody(displayName: string, externalId: string): Record<string, unknown> {
  return { schemas: [GROUP_SCHEMA], displayName, externalId, members: [] };
}

export function addMembersBody(userIds: string[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) }] };
}

/** Entra ID's form: a value list, not a path filter; capitalised op. */
export function removeMembersBody(userIds: string[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: userIds.map((value) => ({ value })) }] };
}

export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
