import { Injectable } from '@nestjs/common';
import { ChangeEvent } from '../change-event';
import { KeyGrantKind, NewKeyGrantTask } from './key-grant-task';
import { KeyGrantTasksRepository } from './key-grant-tasks.repository';

/** The user a membership event names. */
interface EventMember {
  id: string;
  userName: string;
}

/**
 * Turns one change event into key hand-off work, in the consumer's transaction. A later task cancels an earlier
 * one that is still queued and that it makes pointless; a leased task is never cancelled (it may be under way),
 * the later one runs after it. The rules, with examples, are in docs/key-grants.md.
 */
@Injectable()
export class KeyGrantPlanner {
  constructor(private readonly tasks: KeyGrantTasksRepository) {}

  /**
   * Plans events in order; a run of members added (a group synced in bulk) or of users disabled or deleted (a
   * directory that deprovisions many) is planned in one statement.
   */
  async applyAll(events: readonly ChangeEvent[]): Promise<void> {
    let run: ChangeEvent[] = [];
    for (const event of events) {
      const kind = runKindOf(event);
      if (run.length > 0 && runKindOf(run[0]) !== kind) {
        await this.applyRun(run);
        run = [];
      }
      if (kind) run.push(event);
      else await this.apply(event);
    }
    await this.applyRun(run);
  }

  private async applyRun(run: readonly ChangeEvent[]): Promise<void> {
    if (run.length === 0) return;
    if (runKindOf(run[0]) === 'added') return this.membersAdded(run);
    return this.usersRevoked(run);
  }

  private async apply(event: ChangeEvent): Promise<void> {
    switch (event.type) {
      case 'group.member_removed':
        return this.memberRemoved(event, memberOf(event));
      case 'user.enabled':
        return this.userEnabled(event);
      case 'group.deleted':
        return this.groupDeleted(event);
      default:
        return;
    }
  }

  /**
   * Removed then added again before the revoke was leased: the revoke goes, a grant comes (harmless if still held).
   * A run of added members names each member once: adding a member again needs its removal in between.
   */
  private async membersAdded(events: readonly ChangeEvent[]): Promise<void> {
    const grants = events.map((event) => this.task(event, KeyGrantKind.Grant, event.subject.id, memberOf(event), null));
    await this.tasks.enqueueGrantsReplacingRevokes(grants);
  }

  /**
   * Added then removed before the grant was leased: the grant goes and, as the key was never handed over, no revoke
   * is needed. Unless that grant had itself replaced a revoke (the member held the key before), or a revoke of all
   * the user's groups is queued already (a deleted user leaves each group after its user.deleted).
   */
  private async memberRemoved(event: ChangeEvent, member: EventMember): Promise<void> {
    const grants = await this.tasks.cancelQueuedOfMember(event.companyId, KeyGrantKind.Grant, event.subject.id, member.id);
    if (grants.length > 0 && grants.every((grant) => grant.supersedes === null)) return;
    if (await this.tasks.hasQueuedRevokeOfUser(event.companyId, member.id)) return;
    await this.tasks.enqueue(this.task(event, KeyGrantKind.Revoke, event.subject.id, member, null));
  }

  /** A disabled or deleted user loses every group key: its queued grants go, a revoke of all its groups comes. */
  private async usersRevoked(events: readonly ChangeEvent[]): Promise<void> {
    await this.tasks.enqueueRevokesCancellingGrants(
      events.map((event) => this.task(event, KeyGrantKind.Revoke, null, userOf(event), null)),
    );
  }

  /**
   * A re-enabled user gets the keys of every group it is still a member of: its revoke, if still queued, goes; the
   * grant is queued in any case, since that revoke may have cancelled grants of its groups.
   */
  private async userEnabled(event: ChangeEvent): Promise<void> {
    const [revoke] = await this.tasks.cancelQueuedRevokeOfUser(event.companyId, event.subject.id);
    await this.tasks.enqueue(this.task(event, KeyGrantKind.Grant, null, userOf(event), revoke?.id ?? null));
  }

  private async groupDeleted(event: ChangeEvent): Promise<void> {
    await this.tasks.cancelQueuedGrantsOfGroup(event.companyId, event.subject.id);
    await this.tasks.enqueue(this.task(event, KeyGrantKind.Revoke, event.subject.id, null, null));
  }

  private task(
    event: ChangeEvent,
    kind: KeyGrantKind,
    groupId: string | null,
    user: EventMember | null,
    supersedes: string | null,
  ): NewKeyGrantTask {
    return {
      kind,
      companyId: event.companyId,
      groupId,
      userId: user?.id ?? null,
      userName: user?.userName ?? null,
      groupDisplayName: event.subject.type === 'group' ? event.subject.displayName : null,
      eventId: event.id,
      eventPosition: event.position,
      supersedes,
    };
  }
}

/** The runs of events planned together: members added, and users who lose their keys. */
function runKindOf(event: ChangeEvent): 'added' | 'revoked' | null {
  if (event.type === 'group.member_added') return 'added';
  if (event.type === 'user.disabled' || event.type === 'user.deleted') return 'revoked';
  return null;
}

function memberOf(event: ChangeEvent): EventMember {
  const user = event.data.user as EventMember;
  return { id: user.id, userName: user.userName };
}

function userOf(event: ChangeEvent): EventMember {
  return { id: event.subject.id, userName: event.subject.type === 'user' ? event.subject.userName : '' };
}
