import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, Observable, tap, throwError } from 'rxjs';
import { requestIdOf } from '../common/http/request-id';
import { SyncOperation } from '../directory-integrations/entities/sync-log-entry.entity';
import { SyncLogRecorder } from '../directory-integrations/sync-log/sync-log.recorder';
import { snapshotOperationOf, snapshotRequestDetail } from './snapshot-step-detail';

/** Status recorded when the client went away before an answer was sent (nginx's convention). */
const CLIENT_CLOSED_REQUEST = 499;
const MAX_DETAIL_LENGTH = 1000;

/**
 * A source's snapshot steps over HTTP (open, each part, the commit) in its tab's sync log, with the status sent and
 * what the step did or why it failed, for a controller whose authenticated caller (`request.user`) names the company
 * and the integration. Reads record nothing.
 */
@Injectable()
export class SnapshotStepsSyncLogInterceptor implements NestInterceptor {
  constructor(private readonly recorder: SyncLogRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user: { companyId: string; integrationId: string } }>();
    const response = context.switchToHttp().getResponse<Response>();
    const operation: SyncOperation | null = snapshotOperationOf(request.method, request.params?.id);
    if (!operation) return next.handle();
    let detail: string | null = null;
    let answeredId: string | null = null;
    response.once('close', () => {
      const notFound = response.statusCode === 404;
      this.recorder.record({
        companyId: request.user.companyId,
        integrationId: request.user.integrationId,
        operation,
        resourceType: 'Snapshot',
        // An id that named nothing of the company may be another company's: the log keeps none of it.
        resourceId: notFound ? null : (text(request.params?.id) ?? answeredId),
        status: response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST,
        detail: notFound ? 'Snapshot not found' : (detail?.slice(0, MAX_DETAIL_LENGTH) ?? null),
        requestId: requestIdOf(request)?.slice(0, 64) ?? null,
        occurredAt: new Date(),
      });
    });
    return next.handle().pipe(
      tap((body: unknown) => {
        detail = snapshotRequestDetail(body);
        answeredId = text((body as { id?: unknown } | null)?.id);
      }),
      catchError((error: unknown) => {
        detail = error instanceof Error ? error.message : String(error);
        return throwError(() => error);
      }),
    );
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
