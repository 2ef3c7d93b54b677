import { UserAccount, UserState } from './entities/user-account.entity';
import { userChangeEvents } from './user-change-events';

function user(overrides: Partial<UserAccount> = {}): UserAccount {
  return Object.assign(new UserAccount(), {
    companyId: 'c1',
    id: 'u1',
    userName: 'ada@example.com',
    externalId: 'ext-1',
    displayName: 'Ada',
    state: UserState.Active,
    attributes: { name: { givenName: 'Ada', familyName: 'Lovelace' }, emails: [{ value: 'ada@example.com', primary: true }] },
    ...overrides,
  });
}

describe(userChangeEvents.name, () => {
  it('emits nothing when nothing changed, whatever the order of keys in the attributes', () => {
    const reordered = user({
      attributes: { emails: [{ primary: true, value: 'ada@example.com' }], name: { familyName: 'Lovelace', givenName: 'Ada' } },
    });
    expect(userChangeEvents(user(), reordered)).toEqual([]);
  });

  it('names each changed field with its value before and after, then the lifecycle change', () => {
    const after = user({
      displayName: 'Ada L.',
      state: UserState.Disabled,
      attributes: { ...user().attributes, title: 'Countess' },
    });
    expect(userChangeEvents(user(), after)).toEqual([
      {
        type: 'user.updated',
        subject: { type: 'user', id: 'u1', userName: 'ada@example.com', externalId: 'ext-1' },
        data: { changes: { displayName: { before: 'Ada', after: 'Ada L.' }, title: { before: null, after: 'Countess' } } },
      },
      {
        type: 'user.disabled',
        subject: { type: 'user', id: 'u1', userName: 'ada@example.com', externalId: 'ext-1' },
        data: { state: { before: 'active', after: 'disabled' } },
      },
    ]);
  });

  it.each([
    [UserState.Active, UserState.Disabled, 'user.disabled'],
    [UserState.Provisioned, UserState.Disabled, 'user.disabled'],
    [UserState.Disabled, UserState.Active, 'user.enabled'],
    [UserState.Disabled, UserState.Provisioned, 'user.enabled'],
    [UserState.Provisioned, UserState.Active, 'user.master_password_set'],
    [UserState.Active, UserState.Deleted, 'user.deleted'],
  ])('%s → %s is %s', (before, after, type) => {
    expect(userChangeEvents(user({ state: before }), user({ state: after })).map((event) => event.type)).toEqual([type]);
  });
});
