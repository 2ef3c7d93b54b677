import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, Observable, tap, throwError } from 'rxjs';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { requestIdOf } from '../../common/http/request-id';
import { SyncOperation } from '../../directory-integrations/entities/sync-log-entry.entity';
import { LastSyncTracker } from '../../directory-integrations/last-sync/last-sync.tracker';
import { SyncLogRecorder } from '../../directory-integrations/sync-log/sync-log.recorder';
import { SnapshotStepsSyncLogInterceptor } from '../../directory-sync/snapshot-steps-sync-log.interceptor';

/** Status recorded when the client went away before an answer was sent (nginx's convention). */
const CLIENT_CLOSED_REQUEST = 499;
const MAX_DETAIL_LENGTH = 1000;

interface Subject {
  id?: unknown;
  email?: unknown;
  displayName?: unknown;
  externalId?: unknown;
}

/**
 * The Provisioning API's requests on its tab, as SCIM's are on theirs: every request moves the tab's "Last sync", and
 * every write is recorded in the sync log with the status sent, the error message of a failure and whom it was about;
 * snapshot steps as the directory connector's are (SnapshotStepsSyncLogInterceptor).
 */
@Injectable()
export class ProvisioningSyncLogInterceptor implements NestInterceptor {
  constructor(
    private readonly recorder: SyncLogRecorder,
    private readonly lastSync: LastSyncTracker,
    private readonly snapshotSteps: SnapshotStepsSyncLogInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user: ProvisioningPrincipal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const principal = request.user;
    this.lastSync.seen({
      companyId: principal.companyId,
      integrationId: principal.integrationId,
      provider: DirectoryProvider.ProvisioningApi,
    });
    if (request.path.startsWith('/api/v1/snapshots')) return this.snapshotSteps.intercept(context, next);
    const operation = operationOf(request);
    if (!operation) return next.handle();

    let answered: Subject | null = null;
    let detail: string | null = null;
    response.once('close', () => {
      const about = answered ?? ((request.body ?? {}) as Subject);
      const resourceType = resourceTypeOf(request);
      // An id that named nothing of the company may be another company's: the log keeps none of it.
      const notFound = response.statusCode === 404;
      this.recorder.record({
        companyId: principal.companyId,
        integrationId: principal.integrationId,
        operation,
        resourceType,
        resourceId: notFound ? null : (text(request.params?.id) ?? text(answered?.id)),
        status: response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST,
        detail: notFound ? `${resourceType} not found` : (detail?.slice(0, MAX_DETAIL_LENGTH) ?? null),
        userName: text(about.email),
        displayName: text(about.displayName),
        externalId: text(about.externalId),
        requestId: requestIdOf(request)?.slice(0, 64) ?? null,
        occurredAt: new Date(),
      });
    });
    return next.handle().pipe(
      tap((body: unknown) => {
        if (body !== null && typeof body === 'object' && !('results' in body)) answered = body;
      }),
      catchError((error: unknown) => {
        detail = error instanceof Error ? error.message : String(error);
        return throwError(() => error);
      }),
    );
  }
}

function operationOf(request: Request): SyncOperation | null {
  switch (request.method) {
    case 'POST':
      if (request.path.endsWith('/batch')) return SyncOperation.Bulk;
      return request.params?.id === undefined ? SyncOperation.Create : SyncOperation.Patch;
    case 'PATCH':
      return SyncOperation.Patch;
    case 'PUT':
      return SyncOperation.Replace;
    case 'DELETE':
      return request.params?.userId === undefined ? SyncOperation.Delete : SyncOperation.Patch;
    default:
      return null;
  }
}

function resourceTypeOf(request: Request): string {
  return request.path.startsWith('/api/v1/groups') ? 'Group' : 'User';
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
