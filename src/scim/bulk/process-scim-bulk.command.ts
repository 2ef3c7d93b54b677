import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';
import { SyncOperation, syncOperationOfMethod } from '../../directory-integrations/entities/sync-log-entry.entity';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { ScimOperationLimiter } from '../../rate-limit/scim-operation.limiter';
import { knownScimError } from '../known-scim-error';
import { getIgnoringCase, isJsonObject } from '../patch/json-object';
import { ScimMessageUri } from '../scim.constants';
import { ScimError } from '../scim.error';
import { versionFromIfMatch } from '../scim-etag';
import { BulkJob } from './bulk-job';
import { BulkOperationRunner, OperationSuccess } from './bulk-operation.runner';
import { referencedBulkIds, resolveBulkIds, resolvePathBulkId } from './bulk-references';
import { BulkMethod, BulkOperation, parseBulkRequest } from './bulk-request';
import { BulkResponse } from './bulk-response';
import { BulkTarget, parseBulkTarget, resourceTypeOfPath } from './bulk-target';
import { ScimSyncLog } from '../sync-log/scim-sync-log';
import { NO_ERROR, scimErrorOf, skippedWriteFields, subjectOf, SyncSubject } from '../sync-log/sync-log-details';

/** Who sent the Bulk request: its operations are rate-limited and logged as the same caller's single requests. */
export interface BulkCaller {
  principal: ScimPrincipal;
  authorization: string | undefined;
  requestId: string | null;
}

/** An operation still to run. */
interface PendingOperation {
  operation: BulkOperation;
  references: Set<string>;
  /** Operations with the same key run in request order (same resource, or the same unique name created). */
  conflictKey?: string;
  /** A create that broke a reference cycle ran without these attributes; they are added once resolvable. */
  deferred?: Deferred;
}

interface Deferred {
  target: BulkTarget;
  created: OperationSuccess;
  attributes: Record<string, unknown>;
}

/** User creates per INSERT. */
const CREATE_BATCH_SIZE = 500;

/**
 * POST /Bulk (RFC 7644 §3.7). Operations run in request order, each through the command of the single request
 * it stands for and in its own transaction, except that:
 * - an operation referring to a bulkId created later waits until that POST ran (forward references);
 * - when only operations waiting on each other are left (a cycle, §3.7.1), the first POST among them creates its
 *   resource without the attributes that refer to the others and adds them once those exist;
 * - consecutive user creates that refer to nothing share one INSERT, with answers identical to one by one.
 * Each operation counts against the rate limit and is written to the sync log like a single request.
 */
@Injectable()
export class ProcessScimBulkCommand {
  private readonly logger = new Logger(ProcessScimBulkCommand.name);
  private readonly maxOperations: number;

  constructor(
    private readonly runner: BulkOperationRunner,
    private readonly limiter: ScimOperationLimiter,
    private readonly syncLog: ScimSyncLog,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.maxOperations = config.get('scim', { infer: true }).bulk.maxOperations;
  }

  async execute(caller: BulkCaller, body: unknown): Promise<BulkResponse> {
    const request = parseBulkRequest(body, this.maxOperations);
    const job = new BulkJob(request);
    let pending = request.operations.map(toPending);
    while (pending.length > 0 && !job.stopped) {
      const waiting: PendingOperation[] = [];
      const blockedKeys = new Set<string>();
      let creates: PendingOperation[] = [];
      let progressed = false;
      for (const item of pending) {
        const blocked =
          [...item.references].some((bulkId) => !job.isSettled(bulkId)) ||
          (item.conflictKey !== undefined && blockedKeys.has(item.conflictKey));
        if (blocked) {
          waiting.push(item);
          if (item.conflictKey !== undefined) blockedKeys.add(item.conflictKey);
          continue;
        }
        progressed = true;
        if (isIndependentUserCreate(item)) {
          creates.push(item);
          continue;
        }
        await this.createUsers(caller, job, creates);
        creates = [];
        if (job.stopped) break;
        await this.runOne(caller, job, item);
        if (job.stopped) break;
      }
      await this.createUsers(caller, job, creates);
      pending = progressed ? waiting : await this.breakCycle(caller, job, waiting);
    }
    return job.response();
  }

  /** Runs one operation and records its outcome; returns what it created or changed, if it succeeded. */
  private async runOne(caller: BulkCaller, job: BulkJob, item: PendingOperation): Promise<OperationSuccess | undefined> {
    const { operation } = item;
    if (item.deferred) {
      await this.completeDeferred(caller, job, operation, item.deferred);
      return undefined;
    }
    const refusal = await this.limiter.consume(caller.authorization);
    if (refusal) {
      this.failed(caller, job, operation, new ScimError(429, refusal.detail));
      return undefined;
    }
    let target: BulkTarget | undefined;
    try {
      if (operation.invalid) throw operation.invalid;
      const resolve = (bulkId: string): string => job.resolve(bulkId);
      target = parseBulkTarget(operation.method as BulkMethod, resolvePathBulkId(operation.path!, resolve));
      const success = await this.runner.run(caller.principal, {
        method: operation.method as BulkMethod,
        target,
        data: resolveBulkIds(operation.data, resolve),
        expectedVersion: versionFromIfMatch(operation.version),
      });
      job.succeed(operation, success);
      this.record(caller, operation, success.status, success.id, undefined, success.subject, success.skipped);
      return success;
    } catch (error) {
      const location = target?.id === undefined ? undefined : this.runner.locationOf(target.resourceType, target.id);
      this.failed(caller, job, operation, this.scimErrorOf(error, caller), location, target?.id);
      return undefined;
    }
  }

  /** Independent user creates in INSERTs of up to CREATE_BATCH_SIZE, never past the failOnErrors budget. */
  private async createUsers(caller: BulkCaller, job: BulkJob, items: PendingOperation[]): Promise<void> {
    const queue = [...items];
    while (queue.length > 0 && !job.stopped) {
      // At most as many as may still fail: the last error the budget allows is then the chunk's last operation.
      const chunk = queue.splice(0, Math.min(CREATE_BATCH_SIZE, job.errorBudget));
      const allowed: BulkOperation[] = [];
      for (const { operation } of chunk) {
        const refusal = await this.limiter.consume(caller.authorization);
        if (refusal) this.failed(caller, job, operation, new ScimError(429, refusal.detail));
        else allowed.push(operation);
      }
      const outcomes = await this.runner.createUsers(
        caller.principal,
        allowed.map((operation) => operation.data),
      );
      for (const [position, outcome] of outcomes.entries()) {
        const operation = allowed[position];
        if ('error' in outcome) {
          this.failed(caller, job, operation, this.scimErrorOf(outcome.error, caller));
        } else {
          job.succeed(operation, outcome);
          this.record(caller, operation, outcome.status, outcome.id, undefined, outcome.subject);
        }
      }
    }
  }

  /**
   * Only operations waiting on each other are left. RFC 7644 §3.7.1: the first POST of a reference cycle creates
   * its resource without the top-level attributes that refer to unresolved bulkIds, which unblocks the others; the
   * attributes are added by a PATCH once their references resolve (or fail). Without such a POST the waits could
   * never end: the operations fail with 409.
   */
  private async breakCycle(caller: BulkCaller, job: BulkJob, waiting: PendingOperation[]): Promise<PendingOperation[]> {
    const unsettledOf = (item: PendingOperation): string[] => [...item.references].filter((bulkId) => !job.isSettled(bulkId));
    const breakable = waiting.filter((item) => item.operation.method === 'POST' && !item.deferred && unsettledOf(item).length > 0);
    const chosen = breakable.find((item) => isInCycle(item, waiting, unsettledOf)) ?? breakable[0];
    if (!chosen) {
      for (const { operation } of waiting) {
        this.failed(
          caller,
          job,
          operation,
          new ScimError(409, 'The bulkId references of this operation form a cycle that cannot be resolved'),
        );
      }
      return [];
    }
    const position = waiting.indexOf(chosen);
    const { operation } = chosen;
    const unsettled = unsettledOf(chosen);
    const data = operation.data as Record<string, unknown>;
    const attributes = Object.fromEntries(
      Object.entries(data).filter(([, value]) => unsettled.some((bulkId) => referencedBulkIds(undefined, value).has(bulkId))),
    );
    const withoutThem = Object.fromEntries(Object.entries(data).filter(([key]) => !(key in attributes)));
    const firstStep: PendingOperation = { operation: { ...operation, data: withoutThem }, references: new Set() };
    const created = await this.runOne(caller, job, firstStep);
    if (!created) return waiting.filter((_, index) => index !== position);
    // The bulkId resolves from now on; the operation's response is replaced once the attributes are added.
    const target: BulkTarget = { resourceType: resourceTypeOfPath(operation.path)!, id: created.id };
    const rest = [...waiting];
    rest[position] = { operation, references: referencedBulkIds(undefined, attributes), deferred: { target, created, attributes } };
    return rest;
  }

  private async completeDeferred(
    caller: BulkCaller,
    job: BulkJob,
    operation: BulkOperation,
    { target, created, attributes }: Deferred,
  ): Promise<void> {
    try {
      const resolved = resolveBulkIds(attributes, (bulkId) => job.resolve(bulkId));
      const patched = await this.runner.run(caller.principal, {
        method: 'PATCH',
        target,
        data: { schemas: [ScimMessageUri.PatchOp], Operations: [{ op: 'add', value: resolved }] },
        expectedVersion: undefined,
      });
      this.record(caller, { ...operation, method: 'PATCH' }, patched.status, patched.id, undefined, patched.subject);
      job.succeed(operation, { ...created, etag: patched.etag });
    } catch (error) {
      const cause = this.scimErrorOf(error, caller);
      const detail = `Created without ${Object.keys(attributes).join(', ')}, which could not be added: ${cause.detail}`;
      const failure = new ScimError(cause.status, detail, cause.scimType);
      job.fail(operation, failure, created.location);
      this.record(caller, { ...operation, method: 'PATCH' }, cause.status, created.id, failure);
    }
  }

  private failed(
    caller: BulkCaller,
    job: BulkJob,
    operation: BulkOperation,
    error: ScimError,
    location?: string,
    resourceId?: string,
  ): void {
    job.fail(operation, error, location);
    this.record(caller, operation, error.status, resourceId, error);
  }

  /** Whom the operation was about: as its command wrote it, else as its data names it. */
  private record(
    caller: BulkCaller,
    operation: BulkOperation,
    status: number,
    resourceId: string | undefined,
    error?: ScimError,
    subject: SyncSubject = subjectOf(operation.data),
    skipped?: string,
  ): void {
    this.syncLog.record({
      ...subject,
      ...(error ? scimErrorOf(error.toBody()) : NO_ERROR),
      ...skippedWriteFields(skipped),
      companyId: caller.principal.companyId,
      integrationId: caller.principal.integrationId,
      operation: syncOperationOfMethod(operation.method) ?? SyncOperation.Bulk,
      resourceType: resourceTypeOfPath(operation.path) ?? 'Bulk',
      resourceId: resourceId?.slice(0, 255) ?? null,
      status,
      requestId: caller.requestId,
      occurredAt: new Date(),
    });
  }

  private scimErrorOf(error: unknown, caller: BulkCaller): ScimError {
    const known = knownScimError(error);
    if (known) return known;
    this.logger.error({ err: error, correlationId: caller.requestId }, 'Unhandled error in a SCIM Bulk operation');
    return new ScimError(500, `Internal server error (correlation id ${caller.requestId ?? ''})`);
  }
}

/** Whether following the unresolved references from a POST leads back to it. */
function isInCycle(start: PendingOperation, waiting: PendingOperation[], unsettledOf: (item: PendingOperation) => string[]): boolean {
  const byBulkId = new Map(
    waiting.flatMap((item) => (item.operation.bulkId === undefined ? [] : [[item.operation.bulkId, item] as const])),
  );
  const seen = new Set<PendingOperation>();
  const queue = [start];
  while (queue.length > 0) {
    for (const bulkId of unsettledOf(queue.pop()!)) {
      const next = byBulkId.get(bulkId);
      if (next === start) return true;
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

function toPending(operation: BulkOperation): PendingOperation {
  if (operation.invalid) return { operation, references: new Set() };
  return { operation, references: referencedBulkIds(operation.path, operation.data), conflictKey: conflictKeyOf(operation) };
}

/** Same resource path, or a create of the same unique name (userName, displayName; case-insensitive). */
function conflictKeyOf({ method, path, data }: BulkOperation): string | undefined {
  const resourceType = resourceTypeOfPath(path);
  if (method !== 'POST') return path?.toLowerCase();
  if (!resourceType || !isJsonObject(data)) return undefined;
  const name = getIgnoringCase(data, resourceType === 'User' ? 'userName' : 'displayName');
  return typeof name === 'string' ? `${resourceType}:${name.toLowerCase()}` : undefined;
}

function isIndependentUserCreate({ operation, references, deferred }: PendingOperation): boolean {
  return (
    operation.method === 'POST' &&
    !operation.invalid &&
    !deferred &&
    references.size === 0 &&
    resourceTypeOfPath(operation.path) === 'User' &&
    /^\/?users\/?$/i.test(operation.path!)
  );
}
