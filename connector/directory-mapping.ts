import { AttributeMapping, ConnectorConfig } from './connector-config';
import { DirectoryEntry, first, firstText, normalizeDn, texts } from './directory-entries';
import { DirectorySnapshot, SnapshotGroup, SnapshotUser } from './directory-snapshot';
import { Logger } from './logger';
import { guidToString } from './object-guid';

/** Active Directory's ACCOUNTDISABLE flag of userAccountControl. */
const ACCOUNT_DISABLE = 0x2;

/** The attributes to read of users and groups for this configuration. */
export function userAttributes(mapping: AttributeMapping): string[] {
  const { userName, externalId, givenName, familyName, displayName, department, title, manager } = mapping;
  return [
    userName,
    'mail',
    externalId,
    givenName,
    familyName,
    displayName,
    department,
    title,
    manager,
    'userAccountControl',
    'pwdAccountLockedTime',
  ];
}

export function groupAttributes(config: ConnectorConfig): string[] {
  return [config.groups.nameAttribute, config.groups.memberAttribute, config.mapping.externalId];
}

/**
 * Turns what the directory holds into the snapshot: users in scope (all, or the members of `onlyMembersOf`, nested
 * groups included) with their manager when the manager was read too, each group with every user in it however deeply
 * nested, cycles between groups included.
 */
export function toSnapshot(
  config: ConnectorConfig,
  userEntries: DirectoryEntry[],
  groupEntries: DirectoryEntry[],
  logger: Logger,
): DirectorySnapshot {
  const users = new Map<string, SnapshotUser>();
  const userNames = new Set<string>();
  /** A user's manager, by DN: resolved to the manager's externalId once every user is read. */
  const managers = new Map<SnapshotUser, string>();
  for (const entry of userEntries) {
    const user = toUser(entry, config.mapping, logger);
    if (!user) continue;
    const key = user.userName.toLowerCase();
    if (userNames.has(key)) {
      logger.warn(`Skipped ${entry.dn}: another entry has the userName ${user.userName}`);
      continue;
    }
    userNames.add(key);
    users.set(normalizeDn(entry.dn), user);
    const managerDn = firstText(entry, config.mapping.manager);
    if (managerDn) managers.set(user, normalizeDn(managerDn));
  }
  for (const [user, managerDn] of managers) {
    const manager = users.get(managerDn);
    if (manager)
      user.enterprise = { ...user.enterprise, manager: { value: manager.externalId, ...optional('displayName', manager.displayName) } };
  }

  const groupsByDn = new Map(groupEntries.map((entry) => [normalizeDn(entry.dn), entry]));
  const membersOf = memberResolver(groupsByDn, config.groups.memberAttribute);
  const inScope = scopeOf(config, users, groupsByDn, membersOf);
  const groups: SnapshotGroup[] = [];
  const groupNames = new Set<string>();
  for (const [dn, entry] of groupsByDn) {
    const displayName = firstText(entry, config.groups.nameAttribute);
    if (!displayName || groupNames.has(displayName.toLowerCase())) {
      logger.warn(
        `Skipped group ${entry.dn}: ${displayName ? `another group is named ${displayName}` : `it has no ${config.groups.nameAttribute}`}`,
      );
      continue;
    }
    groupNames.add(displayName.toLowerCase());
    const members = [...membersOf(dn)].filter((memberDn) => inScope.has(memberDn)).map((memberDn) => users.get(memberDn)!.externalId);
    groups.push({ displayName, externalId: externalIdOf(entry, config.mapping.externalId) ?? entry.dn, members });
  }
  return { users: [...inScope].map((dn) => users.get(dn)!), groups };
}

function toUser(entry: DirectoryEntry, mapping: AttributeMapping, logger: Logger): SnapshotUser | null {
  const userName = firstText(entry, mapping.userName);
  if (!userName) {
    logger.warn(`Skipped ${entry.dn}: it has no ${mapping.userName}`);
    return null;
  }
  const externalId = externalIdOf(entry, mapping.externalId);
  if (!externalId) {
    logger.warn(`Skipped ${entry.dn}: it has no ${mapping.externalId}`);
    return null;
  }
  const mail = firstText(entry, 'mail');
  const givenName = firstText(entry, mapping.givenName);
  const familyName = firstText(entry, mapping.familyName);
  const department = firstText(entry, mapping.department);
  return {
    userName,
    externalId,
    ...(mail && /^[^@\s]+@[^@\s]+$/.test(mail) ? { email: mail } : {}),
    ...optional('displayName', firstText(entry, mapping.displayName)),
    active: !isDisabled(entry),
    ...(givenName || familyName ? { name: { ...optional('givenName', givenName), ...optional('familyName', familyName) } } : {}),
    ...optional('title', firstText(entry, mapping.title)),
    ...(department ? { enterprise: { department } } : {}),
  };
}

/** Active Directory's disabled flag, or OpenLDAP's password-policy lock. */
function isDisabled(entry: DirectoryEntry): boolean {
  const control = Number(firstText(entry, 'userAccountControl'));
  if (Number.isInteger(control) && (control & ACCOUNT_DISABLE) !== 0) return true;
  return firstText(entry, 'pwdAccountLockedTime') !== undefined;
}

function externalIdOf(entry: DirectoryEntry, attribute: AttributeMapping['externalId']): string | undefined {
  const value = first(entry, attribute);
  if (value === undefined) return undefined;
  if (attribute === 'objectGUID') return guidToString(Buffer.isBuffer(value) ? value : Buffer.from(value, 'binary'));
  return firstText(entry, attribute);
}

/** The user DNs of a group, through nested groups, each group visited once (so a cycle ends). */
function memberResolver(groupsByDn: Map<string, DirectoryEntry>, memberAttribute: string): (groupDn: string) => Set<string> {
  const resolved = new Map<string, Set<string>>();
  return (groupDn) => {
    const known = resolved.get(groupDn);
    if (known) return known;
    const users = new Set<string>();
    const visited = new Set<string>([groupDn]);
    const pending = [groupDn];
    while (pending.length > 0) {
      for (const member of texts(groupsByDn.get(pending.pop()!)!, memberAttribute).map(normalizeDn)) {
        if (!groupsByDn.has(member)) users.add(member);
        else if (!visited.has(member)) {
          visited.add(member);
          pending.push(member);
        }
      }
    }
    resolved.set(groupDn, users);
    return users;
  };
}

function scopeOf(
  config: ConnectorConfig,
  users: Map<string, SnapshotUser>,
  groupsByDn: Map<string, DirectoryEntry>,
  membersOf: (groupDn: string) => Set<string>,
): Set<string> {
  if (config.onlyMembersOf.length === 0) return new Set(users.keys());
  const scope = new Set<string>();
  for (const groupDn of config.onlyMembersOf) {
    const dn = normalizeDn(groupDn);
    if (!groupsByDn.has(dn)) throw new Error(`onlyMembersOf names ${groupDn}, which the group search did not find`);
    for (const member of membersOf(dn)) if (users.has(member)) scope.add(member);
  }
  return scope;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
