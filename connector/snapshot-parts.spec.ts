import { SnapshotUser } from './directory-snapshot';
import { toParts } from './snapshot-parts';

describe(toParts.name, () => {
  it('sends users, then groups, then their members, each part within its limits and nothing lost', () => {
    const users: SnapshotUser[] = Array.from({ length: 2500 }, (_, index) => ({
      userName: `u${index}@x.test`,
      externalId: `e${index}`,
      active: true,
    }));
    const everyone = users.map((user) => user.externalId);
    const parts = toParts({
      users,
      groups: [
        {
          displayName: 'All',
          externalId: 'g1',
          members: [...everyone, ...everyone, ...everyone, ...everyone, ...everyone, ...everyone, ...everyone],
        },
      ],
    });
    expect(parts.map((part) => part.users?.length ?? 0)).toEqual([1000, 1000, 500, 0, 0, 0]);
    expect(parts[3].groups).toEqual([{ displayName: 'All', externalId: 'g1' }]);
    const references = parts.slice(4).map((part) => part.memberships!.reduce((sum, membership) => sum + membership.members.length, 0));
    expect(references).toEqual([15_000, 2_500]);
  });
});
