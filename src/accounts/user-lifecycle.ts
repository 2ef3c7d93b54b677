import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { UserState } from './entities/user-account.entity';

export enum LifecycleEvent {
  /** The vault service reports the user finished setting their master password. */
  MasterPasswordSet = 'master-password-set',
  Disable = 'disable',
  Enable = 'enable',
  Delete = 'delete',
}

export interface LifecycleSubject {
  state: UserState;
  masterPasswordSetAt: Date | null;
}

/**
 * The one place that knows the user lifecycle:
 * provisioned → active → disabled ↔ re-enabled → deleted (DESIGN.md, Domain).
 */
export function nextState(subject: LifecycleSubject, event: LifecycleEvent): UserState {
  const target = targetState(subject, event);
  if (!target) {
    throw new DomainException(
      DomainErrorCode.InvalidStateTransition,
      `Cannot ${event.replace(/-/g, ' ')} a user in state ${subject.state}` + describeTarget(subject, event),
    );
  }
  return target;
}

/**
 * Whether the user is already where `event` leads. Providers resend the desired `active` flag, admins press
 * a button twice, the vault service repeats its report: asking for the state a user is in is not an error
 * and changes nothing. A deleted user is never re-deleted, nor re-enabled.
 */
export function alreadyReached({ state }: LifecycleSubject, event: LifecycleEvent): boolean {
  switch (event) {
    case LifecycleEvent.MasterPasswordSet:
      return state === UserState.Active;
    case LifecycleEvent.Disable:
      return state === UserState.Disabled;
    case LifecycleEvent.Enable:
      return isActiveState(state);
    case LifecycleEvent.Delete:
      return false;
  }
}

/** The state that makes SCIM's `active` flag true. */
export function stateForActiveFlag(subject: LifecycleSubject, active: boolean): UserState {
  const event = active ? LifecycleEvent.Enable : LifecycleEvent.Disable;
  return alreadyReached(subject, event) ? subject.state : nextState(subject, event);
}

/** The state of a user created with SCIM's `active` flag. */
export function initialState(active: boolean): UserState {
  return active ? UserState.Provisioned : UserState.Disabled;
}

export function isActiveState(state: UserState): boolean {
  return state === UserState.Provisioned || state === UserState.Active;
}

function targetState({ state, masterPasswordSetAt }: LifecycleSubject, event: LifecycleEvent): UserState | undefined {
  switch (event) {
    case LifecycleEvent.MasterPasswordSet:
      return state === UserState.Provisioned ? UserState.Active : undefined;
    case LifecycleEvent.Disable:
      return state === UserState.Provisioned || state === UserState.Active ? UserState.Disabled : undefined;
    case LifecycleEvent.Enable:
      if (state !== UserState.Disabled) return undefined;
      return masterPasswordSetAt ? UserState.Active : UserState.Provisioned;
    case LifecycleEvent.Delete:
      return state === UserState.Deleted ? undefined : UserState.Deleted;
  }
}

function describeTarget(subject: LifecycleSubject, event: LifecycleEvent): string {
  const wanted: Record<LifecycleEvent, string> = {
    [LifecycleEvent.MasterPasswordSet]: UserState.Active,
    [LifecycleEvent.Disable]: UserState.Disabled,
    [LifecycleEvent.Enable]: subject.masterPasswordSetAt ? UserState.Active : UserState.Provisioned,
    [LifecycleEvent.Delete]: UserState.Deleted,
  };
  return ` (from ${subject.state} to ${wanted[event]} is not allowed)`;
}
