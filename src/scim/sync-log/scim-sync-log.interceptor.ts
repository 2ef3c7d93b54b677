import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { isScimPrincipal } from '../../common/auth/scim-principal';
import { requestIdOf } from '../../common/http/request-id';
import { SyncOperation, syncOperationOfMethod } from '../../directory-integrations/entities/sync-log-entry.entity';
import { FIRST_FAILURE_STATUS } from '../../directory-integrations/sync-log/sync-log.repository';
import { ScimSyncLog } from './scim-sync-log';
import { answeredSubjectOf, skippedWriteOf } from './answered-subject';
import { hasSubject, NO_ERROR, scimErrorOf, skippedWriteFields, SyncError, subjectOf } from './sync-log-details';

export const RECORDED_RESOURCE_TYPE = 'scim:sync-log-resource-type';

/** Status recorded when the client went away before a response was sent (nginx's convention). */
const CLIENT_CLOSED_REQUEST = 499;
const MAX_RESOURCE_ID_LENGTH = 255;

/**
 * Records every write (a route declared RecordedWrite of a controller declared RecordsWritesOf), with the status
 * actually sent: errors answered by the exception filter are included, with their scimType and detail. Whom the
 * write was about is named by the command that wrote it, else taken from the request body (a failed create wrote
 * nothing).
 */
@Injectable()
export class ScimSyncLogInterceptor implements NestInterceptor {
  constructor(private readonly syncLog: ScimSyncLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const principal = request.user;
    const resourceType = Reflect.getMetadata(RECORDED_RESOURCE_TYPE, context.getClass()) as string | undefined;
    const operation = resourceType && operationOf(request.method, resourceType);
    if (!isScimPrincipal(principal) || !resourceType || !operation) return next.handle();

    const response = context.switchToHttp().getResponse<Response>();
    const routeId = typeof request.params?.id === 'string' ? request.params.id : null;
    let createdId: string | undefined;
    let error: SyncError = NO_ERROR;
    // The exception filter renders errors after the exception has left this interceptor: what the
    // provider got is only known from the body sent.
    const send = response.send;
    response.send = function (this: Response, body?: unknown) {
      if (response.statusCode >= FIRST_FAILURE_STATUS && error === NO_ERROR) error = scimErrorOf(body);
      return send.call(this, body);
    } as Response['send'];
    // 'close' follows 'finish' for a completed response and also fires when the client disconnects.
    response.once('close', () => {
      const answered = answeredSubjectOf(response);
      const skipped = skippedWriteOf(response);
      this.syncLog.record({
        companyId: principal.companyId,
        integrationId: principal.integrationId,
        operation,
        resourceType,
        resourceId: truncate(routeId ?? createdId ?? idFromLocation(response), MAX_RESOURCE_ID_LENGTH),
        status: response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST,
        ...error,
        ...skippedWriteFields(skipped),
        ...(hasSubject(answered) ? answered : subjectOf(request.body)),
        requestId: truncate(requestIdOf(request), 64),
        occurredAt: new Date(),
      });
    });
    return next.handle().pipe(
      tap((body: unknown) => {
        const id = (body as { id?: unknown } | null | undefined)?.id;
        if (typeof id === 'string') createdId = id;
      }),
    );
  }
}

function operationOf(method: string, resourceType: string): SyncOperation | null {
  return resourceType === 'Bulk' && method.toUpperCase() === 'POST' ? SyncOperation.Bulk : syncOperationOfMethod(method);
}

/** RFC 7644 §3.3: a create answers with the new resource's URL in Location. */
function idFromLocation(response: Response): string | undefined {
  const location = response.getHeader('location');
  if (typeof location !== 'string') return undefined;
  const last = location.split('?')[0].split('/').filter(Boolean).pop();
  return last ? safeDecode(last) : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function truncate(value: string | undefined | null, length: number): string | null {
  return value == null ? null : value.slice(0, length);
}
