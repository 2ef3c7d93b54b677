import { UserState } from '../accounts/entities/user-account.entity';
import { ManagedUser, UserNameHolders } from '../accounts/user-accounts.repository';
import { Group } from '../groups/entities/group.entity';
import { StagedUser } from './snapshot-items';
import { matchStagedUsers, PlanInput, planSnapshot } from './snapshot-plan';

function user(n: number, name: string, { active = true, externalId = `ext-${name}`, fingerprint = 'v1' } = {}): StagedUser {
  const userName = `${name}@acme.test`;
  return { n, userName, userNameKey: userName.toLowerCase(), externalId, active, fingerprint };
}

function managed(id: string, { name = id, state = UserState.Provisioned, fingerprint = 'v1' } = {}): ManagedUser {
  const userName = `${name}@acme.test`;
  return { id, userName, userNameKey: userName.toLowerCase(), externalId: `ext-${name}`, state, fingerprint };
}

function group(id: string, displayName: string, externalId: string | null = null): Group {
  return Object.assign(new Group(), { id, displayName, externalId });
}

/** The plan of these staged users against these managed ones, matched as the planner matches them. */
function input(overrides: Partial<PlanInput>, userNameHolders: UserNameHolders = new Map()): PlanInput {
  const users = overrides.users ?? [];
  const managedUsers = overrides.managedUsers ?? [];
  return {
    users,
    matches: matchStagedUsers(users, managedUsers),
    managedUsers,
    userNameHolders,
    deprovisionAction: 'disable',
    groups: [],
    managedGroups: [],
    currentMembers: new Map(),
    memberships: [],
    groupsNamedOutside: [],
    ...overrides,
  };
}

describe(matchStagedUsers.name, () => {
  it('matches by externalId first, then by userName in any case, else nothing', () => {
    const byExternalId = managed('u1', { name: 'renamed' });
    const byName = { ...managed('u2', { name: 'Grace' }), externalId: 'old-id' };
    const matches = matchStagedUsers(
      [{ ...user(0, 'ada'), externalId: 'ext-renamed' }, { ...user(1, 'GRACE'), externalId: null }, user(2, 'nobody')],
      [byExternalId, byName],
    );
    expect(matches.map((match) => match?.id ?? null)).toEqual(['u1', 'u2', null]);
  });
});

describe(planSnapshot.name, () => {
  it('creates the unmatched, updates what differs, leaves the rest and deprovisions the missing', () => {
    const plan = planSnapshot(
      input({
        users: [user(0, 'new'), user(1, 'same'), user(2, 'changed'), user(3, 'back'), user(4, 'off', { active: false })],
        managedUsers: [
          managed('u1', { name: 'same' }),
          managed('u2', { name: 'changed', fingerprint: 'v0' }),
          managed('u3', { name: 'back', state: UserState.Disabled }),
          managed('u4', { name: 'off', state: UserState.Active }),
          managed('gone'),
          managed('was-off', { state: UserState.Disabled }),
        ],
      }),
    );
    expect(plan.creates.map((created) => created.n)).toEqual([0]);
    expect(plan.updates.map(({ userId, profileChanged, stateChange }) => ({ userId, profileChanged, stateChange }))).toEqual([
      { userId: 'u2', profileChanged: true, stateChange: null },
      { userId: 'u3', profileChanged: false, stateChange: 'enable' },
      { userId: 'u4', profileChanged: false, stateChange: 'disable' },
    ]);
    // Disabling deprovisions only who still has access; the one disabled already stays as it is.
    expect(plan.deprovisions.map((missing) => missing.id)).toEqual(['gone']);
    expect(plan.counts.users).toEqual({ managed: 6, created: 1, updated: 1, enabled: 1, disabled: 1, deprovisioned: 1, unchanged: 1 });
    expect(plan.removalPercent).toBeCloseTo((2 * 100) / 6);
  });

  it('deletes every missing user when the source deletes, disabled ones included', () => {
    const plan = planSnapshot(
      input({ deprovisionAction: 'delete', managedUsers: [managed('a'), managed('b', { state: UserState.Disabled })] }),
    );
    expect(plan.deprovisions.map((missing) => missing.id)).toEqual(['a', 'b']);
    expect(plan.removalPercent).toBe(50);
  });

  it('reports a userName another source holds and a second item matching the same user, and applies neither', () => {
    const plan = planSnapshot(
      input(
        {
          users: [user(0, 'theirs'), user(1, 'ada'), user(2, 'ada-again', { externalId: 'ext-ada' })],
          managedUsers: [managed('u1', { name: 'ada' })],
        },
        new Map([['theirs@acme.test', null]]),
      ),
    );
    expect(plan.creates).toEqual([]);
    expect(plan.issues).toEqual([
      {
        item: 'user theirs@acme.test',
        problem: 'userName belongs to a user no directory integration manages: this source does not manage it',
        code: 'managed_by_another_source',
      },
      { item: 'user ada-again@acme.test', problem: 'matches the same user as another item of the snapshot' },
    ]);
  });

  it('matches groups by externalId then displayName, renames, sets exact membership and deletes the unnamed', () => {
    const plan = planSnapshot(
      input({
        users: [user(0, 'ada'), user(1, 'bob'), user(2, 'new')],
        managedUsers: [managed('u-ada', { name: 'ada' }), managed('u-bob', { name: 'bob' })],
        groups: [
          { displayName: 'Engineers', externalId: 'g-eng' },
          { displayName: 'sales', externalId: null },
          { displayName: 'Fresh', externalId: null },
        ],
        managedGroups: [group('g1', 'Engineering', 'g-eng'), group('g2', 'Sales'), group('g3', 'Old')],
        currentMembers: new Map([['g1', new Set(['u-bob', 'u-admin-added'])]]),
        memberships: [
          { group: 'g-eng', user: 'ext-ada' },
          { group: 'g-eng', user: 'BOB@acme.test' },
          { group: 'Fresh', user: 'ext-new' },
          { group: 'nowhere', user: 'ext-ada' },
          { group: 'Fresh', user: 'nobody' },
        ],
      }),
    );
    const [engineers, sales, fresh] = plan.groups;
    expect(engineers).toMatchObject({ attributesChanged: true, addUsers: [0], removeUserIds: ['u-admin-added'] });
    expect(engineers.existing?.id).toBe('g1');
    expect(sales).toMatchObject({ attributesChanged: true, addUsers: [], removeUserIds: [] });
    expect(fresh).toMatchObject({ existing: null, addUsers: [2] });
    expect(plan.groupDeletes.map((deleted) => deleted.id)).toEqual(['g3']);
    expect(plan.issues.map((issue) => issue.item)).toEqual(['membership of nowhere', 'member nobody']);
  });
});
