import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { requestIdOf } from '../common/http/request-id';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';
import { SyncOperation, syncOperationOfMethod } from './entities/sync-log-entry.entity';
import { isScimPrincipal } from '../common/auth/scim-principal';
import { hasSubject, NO_ERROR, NO_SUBJECT, scimErrorOf, SyncError, SyncSubject, subjectOf } from './sync-log-details';
import { SyncLogRecorder } from './sync-log.recorder';
import { FIRST_FAILURE_STATUS } from './sync-log.repository';

const SCIM_PATH = new RegExp(`^/${SCIM_BASE_PATH}/([^/?#]+)(?:/([^/?#]+))?`, 'i');
const RESOURCE_TYPES: Record<string, string> = { users: 'User', groups: 'Group', bulk: 'Bulk' };
/** Status recorded when the client went away before a response was sent (nginx's convention). */
export const CLIENT_CLOSED_REQUEST = 499;
const MAX_RESOURCE_ID_LENGTH = 255;
const MAX_RESOURCE_TYPE_LENGTH = 32;

/**
 * Records every SCIM write (POST, PUT, PATCH, DELETE; not POST .search, which reads) that a
 * provisioning token authenticated, with the status actually sent: errors answered by the
 * exception filters are included, with their scimType and detail. Whom the write was about comes
 * from the resource answered, else from the request body (a failed create has no resource).
 * Registered globally, so SCIM controllers need nothing special.
 */
@Injectable()
export class SyncLogInterceptor implements NestInterceptor {
  constructor(private readonly recorder: SyncLogRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const principal = request.user;
    if (!isScimPrincipal(principal)) return next.handle();
    const target = writeTargetOf(request);
    if (!target) return next.handle();

    const response = context.switchToHttp().getResponse<Response>();
    let createdId: string | undefined;
    let answered: SyncSubject = NO_SUBJECT;
    let error: SyncError = NO_ERROR;
    // The exception filters render errors after the exception has left this interceptor: what the
    // provider got is only known from the body sent.
    const send = response.send;
    response.send = function (this: Response, body?: unknown) {
      if (response.statusCode >= FIRST_FAILURE_STATUS && error === NO_ERROR) error = scimErrorOf(body);
      return send.call(this, body);
    } as Response['send'];
    // 'close' follows 'finish' for a completed response and also fires when the client disconnects.
    response.once('close', () => {
      this.recorder.record({
        companyId: principal.companyId,
        integrationId: principal.integrationId,
        operation: target.operation,
        resourceType: target.resourceType,
        resourceId: truncate(target.resourceId ?? createdId ?? idFromLocation(response), MAX_RESOURCE_ID_LENGTH),
        status: response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST,
        ...error,
        ...(hasSubject(answered) ? answered : subjectOf(request.body)),
        requestId: truncate(requestIdOf(request), 64),
        occurredAt: new Date(),
      });
    });
    return next.handle().pipe(
      tap((body: unknown) => {
        const id = (body as { id?: unknown } | null | undefined)?.id;
        if (typeof id === 'string') createdId = id;
        answered = subjectOf(body);
      }),
    );
  }
}

interface WriteTarget {
  operation: SyncOperation;
  resourceType: string;
  resourceId: string | null;
}

function writeTargetOf(request: Request): WriteTarget | null {
  const match = SCIM_PATH.exec(request.originalUrl);
  if (!match) return null;
  const [, resourceSegment, idSegment] = match;
  if (idSegment?.toLowerCase() === '.search' || resourceSegment.toLowerCase() === '.search') return null;
  const resourceType = truncate(RESOURCE_TYPES[resourceSegment.toLowerCase()] ?? resourceSegment, MAX_RESOURCE_TYPE_LENGTH)!;
  const operation = operationOf(request.method, resourceType);
  if (!operation) return null;
  const routeId = typeof request.params?.id === 'string' ? request.params.id : idSegment ? safeDecode(idSegment) : null;
  return { operation, resourceType, resourceId: routeId };
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
