import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { UserState } from './entities/user-account.entity';
import { alreadyReached, initialState, LifecycleEvent, nextState, stateForActiveFlag } from './user-lifecycle';

const never = null;
const before = new Date('2026-01-01T00:00:00Z');

describe(nextState.name, () => {
  it.each([
    [UserState.Provisioned, never, LifecycleEvent.MasterPasswordSet, UserState.Active],
    [UserState.Provisioned, never, LifecycleEvent.Disable, UserState.Disabled],
    [UserState.Active, before, LifecycleEvent.Disable, UserState.Disabled],
    [UserState.Disabled, before, LifecycleEvent.Enable, UserState.Active],
    [UserState.Disabled, never, LifecycleEvent.Enable, UserState.Provisioned],
    [UserState.Provisioned, never, LifecycleEvent.Delete, UserState.Deleted],
    [UserState.Active, before, LifecycleEvent.Delete, UserState.Deleted],
    [UserState.Disabled, before, LifecycleEvent.Delete, UserState.Deleted],
  ])('%s (master password set: %s) --%s--> %s', (state, masterPasswordSetAt, event, expected) => {
    expect(nextState({ state, masterPasswordSetAt }, event)).toBe(expected);
  });

  it.each([
    [UserState.Active, LifecycleEvent.MasterPasswordSet],
    [UserState.Disabled, LifecycleEvent.MasterPasswordSet],
    [UserState.Deleted, LifecycleEvent.MasterPasswordSet],
    [UserState.Disabled, LifecycleEvent.Disable],
    [UserState.Deleted, LifecycleEvent.Disable],
    [UserState.Provisioned, LifecycleEvent.Enable],
    [UserState.Active, LifecycleEvent.Enable],
    [UserState.Deleted, LifecycleEvent.Enable],
    [UserState.Deleted, LifecycleEvent.Delete],
  ])('refuses %s --%s--> with a message naming both states', (state, event) => {
    let thrown: unknown;
    try {
      nextState({ state, masterPasswordSetAt: before }, event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainException);
    expect((thrown as DomainException).code).toBe(DomainErrorCode.InvalidStateTransition);
    expect((thrown as DomainException).message).toContain(`from ${state} to `);
  });
});

describe(alreadyReached.name, () => {
  it.each([
    [UserState.Active, LifecycleEvent.MasterPasswordSet, true],
    [UserState.Provisioned, LifecycleEvent.MasterPasswordSet, false],
    [UserState.Disabled, LifecycleEvent.Disable, true],
    [UserState.Active, LifecycleEvent.Disable, false],
    [UserState.Deleted, LifecycleEvent.Disable, false],
    [UserState.Provisioned, LifecycleEvent.Enable, true],
    [UserState.Active, LifecycleEvent.Enable, true],
    [UserState.Disabled, LifecycleEvent.Enable, false],
    [UserState.Deleted, LifecycleEvent.Enable, false],
    [UserState.Deleted, LifecycleEvent.Delete, false],
  ])('%s --%s--> already there: %s', (state, event, expected) => {
    expect(alreadyReached({ state, masterPasswordSetAt: before }, event)).toBe(expected);
  });
});

describe(stateForActiveFlag.name, () => {
  it('keeps a user already in the asked state, as providers resend the same flag', () => {
    expect(stateForActiveFlag({ state: UserState.Provisioned, masterPasswordSetAt: never }, true)).toBe(UserState.Provisioned);
    expect(stateForActiveFlag({ state: UserState.Active, masterPasswordSetAt: before }, true)).toBe(UserState.Active);
    expect(stateForActiveFlag({ state: UserState.Disabled, masterPasswordSetAt: before }, false)).toBe(UserState.Disabled);
  });

  it('disables and re-enables', () => {
    expect(stateForActiveFlag({ state: UserState.Active, masterPasswordSetAt: before }, false)).toBe(UserState.Disabled);
    expect(stateForActiveFlag({ state: UserState.Disabled, masterPasswordSetAt: before }, true)).toBe(UserState.Active);
    expect(stateForActiveFlag({ state: UserState.Disabled, masterPasswordSetAt: never }, true)).toBe(UserState.Provisioned);
  });

  it('never revives a deleted user', () => {
    expect(() => stateForActiveFlag({ state: UserState.Deleted, masterPasswordSetAt: never }, true)).toThrow(DomainException);
  });
});

describe(initialState.name, () => {
  it('provisions active users and disables inactive ones', () => {
    expect(initialState(true)).toBe(UserState.Provisioned);
    expect(initialState(false)).toBe(UserState.Disabled);
  });
});
