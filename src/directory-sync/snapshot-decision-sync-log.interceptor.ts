import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { requestIdOf } from '../common/http/request-id';
import { SyncOperation } from '../directory-integrations/entities/sync-log-entry.entity';
import { SyncLogRecorder } from '../directory-integrations/sync-log/sync-log.recorder';
import { SnapshotResponseDto } from './dto/snapshot.response.dto';
import { snapshotStepDetail } from './snapshot-step-detail';

/**
 * An admin's confirmation or rejection of a snapshot, in the sync log of the snapshot's tab next to the source's own
 * steps: the operation, the snapshot, the state it ended in and the admin who decided.
 */
@Injectable()
export class SnapshotDecisionSyncLogInterceptor implements NestInterceptor {
  constructor(private readonly recorder: SyncLogRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler<SnapshotResponseDto>): Observable<SnapshotResponseDto> {
    const request = context.switchToHttp().getRequest<Request & { user: AdminPrincipal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const operation = request.path.endsWith('/confirm') ? SyncOperation.SnapshotConfirm : SyncOperation.SnapshotReject;
    return next.handle().pipe(
      tap((snapshot) => {
        const admin = request.user;
        this.recorder.record({
          companyId: admin.companyId,
          integrationId: snapshot.integrationId,
          operation,
          resourceType: 'Snapshot',
          resourceId: snapshot.id,
          status: response.statusCode,
          detail: `${snapshotStepDetail(snapshot)} (by ${admin.email})`,
          requestId: requestIdOf(request)?.slice(0, 64) ?? null,
          occurredAt: new Date(),
        });
      }),
    );
  }
}
