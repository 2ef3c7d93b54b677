import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '../../common/errors/domain.exception';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { retryDelaySeconds } from './key-grant-retry';
import { KeyGrantState, KeyGrantTask } from './key-grant-task';
import { KeyGrantBacklog, KeyGrantTasksRepository, LeasedKeyGrantTask } from './key-grant-tasks.repository';

/** Failed tasks the console shows beside the backlog. */
const RECENT_FAILURES = 20;

export interface KeyGrantLease {
  leaseId: string;
  tasks: LeasedKeyGrantTask[];
}

export interface KeyGrantOverview extends KeyGrantBacklog {
  recentFailures: KeyGrantTask[];
}

export type KeyGrantFailure = { reason: string; retryable: boolean };

/**
 * The encryption service's side of the key hand-off queue: lease, complete, fail; and the console's view of a
 * company's backlog. Tasks name users and groups only; no key ever passes through this service.
 */
@Injectable()
export class KeyGrantsService {
  constructor(private readonly tasks: KeyGrantTasksRepository) {}

  /** Leases tasks of every company (system work), or of one company in its scope. */
  async lease(leaseSeconds: number, limit: number, companyId: string | null): Promise<KeyGrantLease> {
    const leaseId = randomUUID();
    const work = () => this.tasks.lease(leaseId, limit, leaseSeconds, companyId);
    const tasks = await (companyId === null ? CompanyScopes.runAsSystem(work) : CompanyScopes.runForCompany(companyId, work));
    return { leaseId, tasks };
  }

  /** Completes a task under its lease; repeating the completion under the same lease answers the same. */
  async complete(id: string, leaseId: string): Promise<KeyGrantTask> {
    const completed = await this.tasks.complete(id, leaseId);
    if (completed) return completed;
    const found = await this.leaseHolderOf(id);
    if (found.task.state === KeyGrantState.Completed && found.leaseId === leaseId) return found.task;
    throw leaseLost(found.task, 'complete');
  }

  /** Fails a task under its lease: retryable ones are queued again after a backoff, the others stay failed. */
  async fail(id: string, leaseId: string, failure: KeyGrantFailure): Promise<KeyGrantTask> {
    const found = await this.leaseHolderOf(id);
    const failed = failure.retryable
      ? await this.tasks.failForRetry(id, leaseId, failure.reason, retryDelaySeconds(found.task.attempt))
      : await this.tasks.failForGood(id, leaseId, failure.reason);
    if (failed) return failed;
    throw leaseLost((await this.leaseHolderOf(id)).task, 'fail');
  }

  async overview(companyId: string): Promise<KeyGrantOverview> {
    return { ...(await this.tasks.backlog(companyId)), recentFailures: await this.tasks.recentFailures(companyId, RECENT_FAILURES) };
  }

  /** Deletes completed and cancelled tasks finished more than `days` ago; returns how many (retention). */
  purgeFinished(days: number, limit: number): Promise<number> {
    return this.tasks.purgeFinished(days, limit);
  }

  private async leaseHolderOf(id: string): Promise<{ task: KeyGrantTask; leaseId: string | null }> {
    const found = await this.tasks.findWithLease(id);
    if (!found) throw DomainException.notFound(`Key-grant task ${id}`);
    return found;
  }
}

function leaseLost(task: KeyGrantTask, action: 'complete' | 'fail'): DomainException {
  const why =
    task.state === KeyGrantState.Leased
      ? 'another lease holds it (this one expired and the task was leased again)'
      : task.state === KeyGrantState.Queued
        ? 'it is not leased, it waits in the queue'
        : `it is ${task.state}`;
  return new DomainException(DomainErrorCode.InvalidStateTransition, `Cannot ${action} key-grant task ${task.id} under this lease: ${why}`);
}
