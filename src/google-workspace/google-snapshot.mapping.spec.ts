import { ExpandedGroup } from './directory-groups.reader';
import { DirectoryUser } from './google-directory.client';
import { inScope, toSnapshotGroups, toSnapshotUser, UserScope } from './google-snapshot.mapping';

function googleUser(id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id,
    primaryEmail: `${id}@acme.test`,
    name: { givenName: 'Ada', familyName: 'Lovelace', fullName: 'Ada Lovelace' },
    suspended: false,
    archived: false,
    orgUnitPath: '/',
    ...overrides,
  };
}

function group(id: string, name: string, userIds: string[], everyone = false): ExpandedGroup {
  return { id, email: `${id}@acme.test`, name, userIds: new Set(userIds), everyone };
}

const scope = (overrides: Partial<UserScope>): UserScope => ({
  kind: 'all',
  orgUnits: [],
  groupUserIds: new Set(),
  everyone: false,
  ...overrides,
});

describe(toSnapshotUser.name, () => {
  it('maps primaryEmail, id and names; suspended or archived users are inactive', () => {
    expect(toSnapshotUser(googleUser('u1'))).toEqual({
      profile: {
        userName: 'u1@acme.test',
        externalId: 'u1',
        displayName: 'Ada Lovelace',
        attributes: {
          emails: [{ value: 'u1@acme.test', type: 'work', primary: true }],
          name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
        },
      },
      active: true,
    });
    expect(toSnapshotUser(googleUser('u2', { suspended: true })).active).toBe(false);
    expect(toSnapshotUser(googleUser('u3', { archived: true })).active).toBe(false);
  });
});

describe(inScope.name, () => {
  it('takes org units with the units below them, not their namesakes', () => {
    const sales = scope({ kind: 'org_units', orgUnits: ['/Sales'] });
    expect(inScope(googleUser('a', { orgUnitPath: '/Sales' }), sales)).toBe(true);
    expect(inScope(googleUser('b', { orgUnitPath: '/Sales/EMEA' }), sales)).toBe(true);
    expect(inScope(googleUser('c', { orgUnitPath: '/Salesforce' }), sales)).toBe(false);
    expect(inScope(googleUser('d', { orgUnitPath: '/' }), sales)).toBe(false);
  });

  it("takes the chosen groups' users, or everyone when a group holds the whole domain", () => {
    expect(inScope(googleUser('a'), scope({ kind: 'groups', groupUserIds: new Set(['a']) }))).toBe(true);
    expect(inScope(googleUser('b'), scope({ kind: 'groups', groupUserIds: new Set(['a']) }))).toBe(false);
    expect(inScope(googleUser('b'), scope({ kind: 'groups', everyone: true }))).toBe(true);
  });

  it('leaves out a user without an id or email', () => {
    expect(inScope(googleUser('a', { primaryEmail: undefined }), scope({}))).toBe(false);
  });
});

describe(toSnapshotGroups.name, () => {
  it("keeps members among the run's users, expands the whole domain, and tells same-named groups apart", () => {
    const { groups, memberships } = toSnapshotGroups(
      [group('g1', 'Staff', ['u1', 'outsider']), group('g2', 'staff', [], true)],
      ['u1', 'u2'],
    );
    expect(groups).toEqual([
      { displayName: 'Staff', externalId: 'g1' },
      { displayName: 'staff (g2@acme.test)', externalId: 'g2' },
    ]);
    expect(memberships).toEqual([
      { group: 'g1', user: 'u1' },
      { group: 'g2', user: 'u1' },
      { group: 'g2', user: 'u2' },
    ]);
  });
});
