import { ScimMessageUri } from '../scim.constants';
import { ScimError, ScimErrorType } from '../scim.error';
import { BulkRequest } from './bulk-request';
import { BulkOperationResponse, BulkResponse } from './bulk-response';
import { OperationSuccess } from './bulk-operation.runner';

/** The part of an operation its response echoes. */
interface Echo {
  index: number;
  method: string;
  bulkId?: string;
}

/**
 * The state of one Bulk request while it runs: which bulkIds have become which ids (or failed), each
 * operation's response, and the errors counted against failOnErrors.
 */
export class BulkJob {
  private readonly definedBy = new Map<string, number>();
  private readonly createdIds = new Map<string, string>();
  private readonly failedBy = new Map<string, number>();
  private readonly responses = new Map<number, BulkOperationResponse>();
  private errors = 0;
  private readonly failOnErrors: number | undefined;

  constructor(request: BulkRequest) {
    this.failOnErrors = request.failOnErrors;
    for (const { method, bulkId, index, invalid } of request.operations) {
      if (method === 'POST' && bulkId !== undefined && !invalid) this.definedBy.set(bulkId, index);
    }
  }

  /** RFC 7644 §3.7: once failOnErrors errors happened, no further operation runs. */
  get stopped(): boolean {
    return this.failOnErrors !== undefined && this.errors >= this.failOnErrors;
  }

  /** Operations that may still fail before the request stops. */
  get errorBudget(): number {
    return this.failOnErrors === undefined ? Number.POSITIVE_INFINITY : this.failOnErrors - this.errors;
  }

  /** Whether a reference can be resolved now, or never will be: it waits for nothing. */
  isSettled(bulkId: string): boolean {
    return !this.definedBy.has(bulkId) || this.createdIds.has(bulkId) || this.failedBy.has(bulkId);
  }

  /** The id a settled reference stands for; a reference that cannot be resolved fails the operation using it. */
  resolve(bulkId: string): string {
    const id = this.createdIds.get(bulkId);
    if (id !== undefined) return id;
    const failed = this.failedBy.get(bulkId);
    if (failed !== undefined) {
      throw new ScimError(409, `bulkId:${bulkId} cannot be resolved: Operations[${failed}], which creates it, failed`);
    }
    throw ScimError.badRequest(ScimErrorType.InvalidValue, `bulkId:${bulkId} is not the bulkId of any POST operation of this request`);
  }

  /** A POST's resource exists: references to its bulkId resolve from now on, though its response may follow later. */
  created(bulkId: string | undefined, id: string): void {
    if (bulkId !== undefined) this.createdIds.set(bulkId, id);
  }

  succeed(echo: Echo, success: OperationSuccess): void {
    if (echo.method === 'POST') this.created(echo.bulkId, success.id);
    this.responses.set(echo.index, {
      ...this.echoOf(echo),
      location: success.location,
      ...(success.etag ? { version: success.etag } : {}),
      status: String(success.status),
    });
  }

  fail(echo: Echo, error: ScimError, location?: string): void {
    if (echo.method === 'POST' && echo.bulkId !== undefined && !this.createdIds.has(echo.bulkId)) {
      this.failedBy.set(echo.bulkId, echo.index);
    }
    this.errors++;
    this.responses.set(echo.index, {
      ...this.echoOf(echo),
      ...(location ? { location } : {}),
      status: String(error.status),
      response: error.toBody(),
    });
  }

  /** The operations that ran, in the order of the request. */
  response(): BulkResponse {
    return {
      schemas: [ScimMessageUri.BulkResponse],
      Operations: [...this.responses.entries()].sort(([a], [b]) => a - b).map(([, response]) => response),
    };
  }

  private echoOf({ method, bulkId }: Echo): Pick<BulkOperationResponse, 'method' | 'bulkId'> {
    return { method, ...(bulkId !== undefined ? { bulkId } : {}) };
  }
}
