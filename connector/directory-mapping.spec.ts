import { ConnectorConfig } from './connector-config';
import { DirectoryEntry } from './directory-entries';
import { toSnapshot } from './directory-mapping';
import { Logger } from './logger';

const BASE = 'dc=acme,dc=test';

function entry(dn: string, attributes: Record<string, string | string[]>): DirectoryEntry {
  const values = Object.entries(attributes).map(([name, value]): [string, string[]] => [name.toLowerCase(), [value].flat()]);
  return { dn, attributes: new Map(values) };
}

const user = (name: string, extra: Record<string, string | string[]> = {}) =>
  entry(`uid=${name},ou=people,${BASE}`, { mail: `${name}@acme.test`, entryUUID: `uuid-${name}`, ...extra });
const group = (name: string, members: string[]) =>
  entry(`cn=${name},ou=groups,${BASE}`, { cn: name, entryUUID: `uuid-group-${name}`, member: members });
const userDn = (name: string) => `uid=${name},ou=people,${BASE}`;
const groupDn = (name: string) => `cn=${name},ou=groups,${BASE}`;

function config(onlyMembersOf: string[] = []): ConnectorConfig {
  return {
    service: { url: 'https://dps.test', token: 'dpsconn_x' },
    ldap: { urls: ['ldap://dc'], startTls: false, caFile: null, bindDn: 'cn=x', bindPassword: 'y', pageSize: 100, timeoutMs: 1000 },
    users: { baseDns: [BASE], filter: '(objectClass=person)' },
    groups: { baseDns: [BASE], filter: '(objectClass=groupOfNames)', memberAttribute: 'member', nameAttribute: 'cn' },
    onlyMembersOf,
    mapping: {
      userName: 'mail',
      externalId: 'entryUUID',
      givenName: 'givenName',
      familyName: 'sn',
      displayName: 'displayName',
      department: 'department',
      title: 'title',
      manager: 'manager',
    },
    sync: { intervalMinutes: 15, deprovisionAction: 'disable', maxDeletePercent: 10, dryRun: false },
    retry: { attempts: 1, initialDelayMs: 0 },
  };
}

describe(toSnapshot.name, () => {
  const warnings: string[] = [];
  const logger = new Logger((line) => warnings.push(line));
  beforeEach(() => (warnings.length = 0));

  it('expands nested groups through a cycle, each user once', () => {
    const users = ['ada', 'bob', 'cy'].map((name) => user(name));
    const groups = [group('a', [userDn('ada'), groupDn('b')]), group('b', [userDn('bob'), groupDn('a')]), group('c', [userDn('cy')])];
    const snapshot = toSnapshot(config(), users, groups, logger);
    const members = (name: string) => snapshot.groups.find((candidate) => candidate.displayName === name)!.members.sort();
    expect(members('a')).toEqual(['uuid-ada', 'uuid-bob']);
    expect(members('b')).toEqual(['uuid-ada', 'uuid-bob']);
    expect(members('c')).toEqual(['uuid-cy']);
  });

  it('keeps only the members of onlyMembersOf, nested ones included, and their memberships', () => {
    const users = ['ada', 'bob', 'cy'].map((name) => user(name));
    const groups = [group('scope', [groupDn('inner')]), group('inner', [userDn('ada')]), group('other', [userDn('ada'), userDn('cy')])];
    const snapshot = toSnapshot(config([groupDn('SCOPE')]), users, groups, logger);
    expect(snapshot.users.map((candidate) => candidate.userName)).toEqual(['ada@acme.test']);
    expect(snapshot.groups.find((candidate) => candidate.displayName === 'other')!.members).toEqual(['uuid-ada']);
  });

  it('refuses a scope group the search did not find, rather than deprovisioning everyone', () => {
    expect(() => toSnapshot(config([groupDn('missing')]), [user('ada')], [], logger)).toThrow('onlyMembersOf names');
  });

  it('reads the AD disabled flag and the OpenLDAP lock; maps names, department and the manager', () => {
    const snapshot = toSnapshot(
      config(),
      [
        user('ada', { userAccountControl: '514', givenName: 'Ada', sn: 'Lovelace', department: 'R&D', displayName: 'Ada L' }),
        user('bob', { userAccountControl: '512', manager: userDn('ada').toUpperCase() }),
        user('cy', { pwdAccountLockedTime: '000001010000Z' }),
      ],
      [],
      logger,
    );
    expect(snapshot.users).toEqual([
      {
        userName: 'ada@acme.test',
        externalId: 'uuid-ada',
        email: 'ada@acme.test',
        displayName: 'Ada L',
        active: false,
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        enterprise: { department: 'R&D' },
      },
      {
        userName: 'bob@acme.test',
        externalId: 'uuid-bob',
        email: 'bob@acme.test',
        active: true,
        enterprise: { manager: { value: 'uuid-ada', displayName: 'Ada L' } },
      },
      { userName: 'cy@acme.test', externalId: 'uuid-cy', email: 'cy@acme.test', active: false },
    ]);
  });

  it('skips, with a warning, entries without a userName or externalId and a second entry of the same userName', () => {
    const snapshot = toSnapshot(
      config(),
      [
        user('ada'),
        entry(`uid=x,${BASE}`, { entryUUID: 'uuid-x' }),
        entry(`uid=y,${BASE}`, { mail: 'ADA@acme.test', entryUUID: 'uuid-y' }),
      ],
      [],
      logger,
    );
    expect(snapshot.users.map((candidate) => candidate.externalId)).toEqual(['uuid-ada']);
    expect(warnings.join('\n')).toMatch(/Skipped uid=x,dc=acme,dc=test: it has no mail[\s\S]*another entry has the userName ADA@acme.test/);
  });
});
