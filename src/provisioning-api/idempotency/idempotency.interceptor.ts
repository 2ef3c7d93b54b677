import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { ApiException } from '../../common/errors/api.exception';
import { TransactionHost } from '../../database/transaction-host';
import { IdempotencyRecordsRepository, IdempotencyScope } from './idempotency-records.repository';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that repeats the stored first answer to the key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const WRITING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key (IETF httpapi draft) for the Provisioning API's writes. With a key, the write runs in one
 * transaction that first claims the key and last stores the answer: a retry with the same key and body gets the
 * stored answer (same status and body, `Idempotent-Replayed: true`) and runs nothing; another body or route is a
 * 422; a concurrent request with the key waits for the first and gets its answer. An error answer changes nothing
 * and is not kept, so a retry after it runs again. Without a key, the write runs as it is.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly records: IdempotencyRecordsRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user: ProvisioningPrincipal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const idempotencyKey = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (!WRITING_METHODS.has(request.method) || idempotencyKey === undefined) return next.handle();
    if (typeof idempotencyKey !== 'string' || !KEY_SHAPE.test(idempotencyKey)) {
      throw new ApiException(400, ApiErrorCode.ValidationFailed, 'Idempotency-Key must be one value of 1 to 255 visible ASCII characters', [
        { field: 'Idempotency-Key', problem: 'must be 1 to 255 visible ASCII characters, e.g. a UUID' },
      ]);
    }
    const scope: IdempotencyScope = { companyId: request.user.companyId, apiKeyId: request.user.keyId, idempotencyKey };
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    return from(
      this.transactions.run(async (): Promise<unknown> => {
        if (await this.records.claim(scope, fingerprint)) {
          const body: unknown = await lastValueFrom(next.handle() as Observable<unknown>, { defaultValue: undefined });
          await this.records.complete(scope, response.statusCode, body);
          return body;
        }
        const stored = (await this.records.find(scope))!;
        if (!stored.fingerprint.equals(fingerprint)) {
          throw new ApiException(
            422,
            ApiErrorCode.IdempotencyKeyReused,
            `Idempotency-Key ${idempotencyKey} was used in the last 24 hours for another request (another route or body); ` +
              'use a new key for a new request',
          );
        }
        response.setHeader(REPLAYED_HEADER, 'true');
        return stored.body ?? undefined;
      }),
    );
  }
}
