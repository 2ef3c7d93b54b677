import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from './config-error';
import { ConfigReader } from './config-reader';

export type DeprovisionAction = 'disable' | 'delete';

export interface LdapSettings {
  /** Tried in order: the first that connects and binds is read. */
  urls: string[];
  startTls: boolean;
  /** PEM of the CA that signed the directory's certificate (LDAPS or StartTLS). */
  caFile: string | null;
  bindDn: string;
  bindPassword: string;
  pageSize: number;
  timeoutMs: number;
}

export interface AttributeMapping {
  userName: 'mail' | 'userPrincipalName';
  externalId: 'objectGUID' | 'entryUUID';
  givenName: string;
  familyName: string;
  displayName: string;
  department: string;
  title: string;
  /** Holds the manager's DN; sent as the manager's externalId. */
  manager: string;
}

export interface ConnectorConfig {
  service: { url: string; token: string };
  ldap: LdapSettings;
  users: { baseDns: string[]; filter: string };
  groups: { baseDns: string[]; filter: string; memberAttribute: string; nameAttribute: string };
  /** Group DNs: only their members (nested memberships included) are synced; empty: everyone the user filter finds. */
  onlyMembersOf: string[];
  mapping: AttributeMapping;
  sync: { intervalMinutes: number; deprovisionAction: DeprovisionAction; maxDeletePercent: number; dryRun: boolean };
  retry: { attempts: number; initialDelayMs: number };
}

/** Reads and validates the configuration file; secrets come from the environment or files it names, never from it. */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('--config', `cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new ConfigError('(file)', `${path} is not valid YAML: ${(error as Error).message}`);
  }
  const root = new ConfigReader(parsed ?? {}, '').only('service', 'ldap', 'users', 'groups', 'onlyMembersOf', 'mapping', 'sync', 'retry');
  return {
    service: serviceOf(root.child('service'), env),
    ldap: ldapOf(root.child('ldap'), env),
    users: usersOf(root.child('users')),
    groups: groupsOf(root.child('groups')),
    onlyMembersOf: root.child('onlyMembersOf').strings(false),
    mapping: mappingOf(root.child('mapping')),
    sync: syncOf(root.child('sync')),
    retry: retryOf(root.child('retry')),
  };
}

function serviceOf(section: ConfigReader, env: NodeJS.ProcessEnv): ConnectorConfig['service'] {
  section.only('url', 'token');
  const url = section.child('url').string();
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw new ConfigError('service.url', 'must be an http:// or https:// address');
  const token = secretOf(section.child('token'), env);
  if (!token.startsWith('dpsconn_'))
    throw new ConfigError('service.token', 'is not a connector token (dpsconn_…): create one on the Active Directory tab');
  return { url: url.replace(/\/+$/, ''), token };
}

function ldapOf(section: ConfigReader, env: NodeJS.ProcessEnv): LdapSettings {
  section.only('urls', 'startTls', 'caFile', 'bindDn', 'bindPassword', 'pageSize', 'timeoutSeconds');
  const urls = section.child('urls').strings(true);
  urls.forEach((url, index) => {
    if (!/^ldaps?:\/\/[^/\s]+\/?$/.test(url))
      throw new ConfigError(`ldap.urls[${index}]`, 'must be ldap://host[:port] or ldaps://host[:port]');
  });
  const startTls = section.child('startTls').boolean(false);
  if (startTls && urls.some((url) => url.startsWith('ldaps:'))) {
    throw new ConfigError('ldap.startTls', 'applies to ldap:// addresses only; ldaps:// is already encrypted');
  }
  const caFile = section.child('caFile').optionalString();
  if (caFile) {
    try {
      readFileSync(caFile);
    } catch (error) {
      throw new ConfigError('ldap.caFile', `cannot read ${caFile}: ${(error as Error).message}`);
    }
  }
  return {
    urls,
    startTls,
    caFile,
    bindDn: section.child('bindDn').string(),
    bindPassword: secretOf(section.child('bindPassword'), env),
    pageSize: section.child('pageSize').integer(500, 1, 10_000),
    timeoutMs: section.child('timeoutSeconds').integer(30, 1, 3600) * 1000,
  };
}

function usersOf(section: ConfigReader): ConnectorConfig['users'] {
  section.only('baseDns', 'filter');
  return { baseDns: section.child('baseDns').strings(true), filter: filterOf(section.child('filter'), '(objectClass=person)') };
}

function groupsOf(section: ConfigReader): ConnectorConfig['groups'] {
  section.only('baseDns', 'filter', 'memberAttribute', 'nameAttribute');
  return {
    baseDns: section.child('baseDns').strings(false),
    filter: filterOf(section.child('filter'), '(|(objectClass=group)(objectClass=groupOfNames))'),
    memberAttribute: section.child('memberAttribute').string('member'),
    nameAttribute: section.child('nameAttribute').string('cn'),
  };
}

function mappingOf(section: ConfigReader): AttributeMapping {
  section.only('userName', 'externalId', 'givenName', 'familyName', 'displayName', 'department', 'title', 'manager');
  return {
    userName: section.child('userName').oneOf(['mail', 'userPrincipalName'] as const, 'mail'),
    externalId: section.child('externalId').oneOf(['objectGUID', 'entryUUID'] as const, 'objectGUID'),
    givenName: section.child('givenName').string('givenName'),
    familyName: section.child('familyName').string('sn'),
    displayName: section.child('displayName').string('displayName'),
    department: section.child('department').string('department'),
    title: section.child('title').string('title'),
    manager: section.child('manager').string('manager'),
  };
}

function syncOf(section: ConfigReader): ConnectorConfig['sync'] {
  section.only('intervalMinutes', 'deprovisionAction', 'maxDeletePercent', 'dryRun');
  return {
    intervalMinutes: section.child('intervalMinutes').integer(15, 1, 24 * 60),
    deprovisionAction: section.child('deprovisionAction').oneOf(['disable', 'delete'] as const, 'disable'),
    maxDeletePercent: section.child('maxDeletePercent').integer(10, 0, 100),
    dryRun: section.child('dryRun').boolean(false),
  };
}

function retryOf(section: ConfigReader): ConnectorConfig['retry'] {
  section.only('attempts', 'initialDelaySeconds');
  return {
    attempts: section.child('attempts').integer(5, 1, 20),
    initialDelayMs: section.child('initialDelaySeconds').integer(2, 0, 300) * 1000,
  };
}

function filterOf(key: ConfigReader, fallback: string): string {
  const filter = key.string(fallback);
  if (!filter.startsWith('(') || !filter.endsWith(')')) throw new ConfigError(key.key, 'must be an LDAP filter in parentheses');
  return filter;
}

/** `{ env: NAME }` or `{ file: /path }`; a secret written in the file itself is refused. */
function secretOf(key: ConfigReader, env: NodeJS.ProcessEnv): string {
  if (!key.present) {
    throw new ConfigError(key.key, 'is required: { env: VARIABLE } or { file: /path/to/file }');
  }
  let table: Record<string, unknown>;
  try {
    table = key.table();
  } catch {
    throw new ConfigError(key.key, 'must not be written in the configuration: give { env: VARIABLE } or { file: /path/to/file }');
  }
  key.only('env', 'file');
  if ('env' in table === 'file' in table) throw new ConfigError(key.key, 'takes exactly one of env or file');
  if ('env' in table) {
    const name = key.child('env').string();
    const value = env[name];
    if (!value) throw new ConfigError(`${key.key}.env`, `the environment variable ${name} is not set or empty`);
    return value;
  }
  const path = key.child('file').string();
  let value: string;
  try {
    value = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${key.key}.file`, `cannot read ${path}: ${(error as Error).message}`);
  }
  if (!value) throw new ConfigError(`${key.key}.file`, `${path} is empty`);
  return value;
}
