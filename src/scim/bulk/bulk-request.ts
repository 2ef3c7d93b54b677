import { getIgnoringCase, isJsonObject } from '../patch/json-object';
import { ScimMessageUri } from '../scim.constants';
import { ScimError, ScimErrorType } from '../scim.error';

export const BULK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

/** One operation of a BulkRequest (RFC 7644 §3.7), as sent; `invalid` when it cannot run at all. */
export interface BulkOperation {
  /** Position in the request, from 0. */
  index: number;
  /** As sent, so that the response can echo it; upper-cased when it is one of BULK_METHODS. */
  method: string;
  bulkId?: string;
  version?: string;
  path?: string;
  data?: unknown;
  invalid?: ScimError;
}

export interface BulkRequest {
  /** Errors after which the rest of the operations are not run; undefined runs them all. */
  failOnErrors?: number;
  operations: BulkOperation[];
}

/**
 * Reads a BulkRequest. What makes the whole request unusable (not a BulkRequest, more than maxOperations, a
 * bulkId used twice, so that references to it would be ambiguous) is thrown; a malformed operation is marked
 * `invalid` and answered in its own place of the response, as RFC 7644 §3.7.3 answers per operation.
 */
export function parseBulkRequest(body: unknown, maxOperations: number): BulkRequest {
  if (!isJsonObject(body)) throw invalidSyntax('The Bulk request body must be a JSON object');
  const schemas = getIgnoringCase(body, 'schemas');
  const listed =
    Array.isArray(schemas) &&
    schemas.some((uri) => typeof uri === 'string' && uri.toLowerCase() === ScimMessageUri.BulkRequest.toLowerCase());
  if (!listed) throw invalidSyntax(`The Bulk request must list "${ScimMessageUri.BulkRequest}" in "schemas" (RFC 7644 §3.7)`);
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('The Bulk request must have an "Operations" array with at least one operation');
  }
  if (operations.length > maxOperations) {
    throw new ScimError(413, `The Bulk request has ${operations.length} operations; maxOperations is ${maxOperations}`);
  }
  const parsed = operations.map((operation: unknown, index) => parseOperation(operation, index));
  assertUniqueBulkIds(parsed);
  return { failOnErrors: parseFailOnErrors(getIgnoringCase(body, 'failOnErrors')), operations: parsed };
}

function parseFailOnErrors(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, `"failOnErrors" must be a positive integer; got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseOperation(operation: unknown, index: number): BulkOperation {
  if (!isJsonObject(operation)) {
    return { index, method: '', invalid: invalidSyntax(`Operations[${index}] must be an object`) };
  }
  const method = getIgnoringCase(operation, 'method');
  const bulkId = getIgnoringCase(operation, 'bulkId');
  const version = getIgnoringCase(operation, 'version');
  const path = getIgnoringCase(operation, 'path');
  const data = getIgnoringCase(operation, 'data');
  const parsed: BulkOperation = {
    index,
    method: typeof method === 'string' ? method : '',
    bulkId: typeof bulkId === 'string' ? bulkId : undefined,
    version: typeof version === 'string' ? version : undefined,
    path: typeof path === 'string' ? path : undefined,
    data,
  };
  const upper = parsed.method.toUpperCase();
  if (!isBulkMethod(upper)) {
    return { ...parsed, invalid: invalidSyntax(`Operations[${index}].method must be one of ${BULK_METHODS.join(', ')}`) };
  }
  parsed.method = upper;
  const problem =
    (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === '') && 'bulkId must be a non-empty string') ||
    (upper === 'POST' && parsed.bulkId === undefined && 'bulkId is required for POST (RFC 7644 §3.7)') ||
    (version !== undefined && typeof version !== 'string' && 'version must be a string (an ETag)') ||
    (parsed.path === undefined && 'path is required, e.g. "/Users" or "/Users/{id}"') ||
    (upper !== 'DELETE' && !isJsonObject(data) && `data must be the resource or PatchOp body of the ${upper}`);
  return problem ? { ...parsed, invalid: invalidSyntax(`Operations[${index}].${problem}`) } : parsed;
}

function assertUniqueBulkIds(operations: BulkOperation[]): void {
  const seen = new Map<string, number>();
  for (const { bulkId, index } of operations) {
    if (bulkId === undefined) continue;
    const first = seen.get(bulkId);
    if (first !== undefined) {
      throw invalidSyntax(`bulkId "${bulkId}" is used by Operations[${first}] and Operations[${index}]; it must be unique`);
    }
    seen.set(bulkId, index);
  }
}

function isBulkMethod(method: string): method is BulkMethod {
  return (BULK_METHODS as readonly string[]).includes(method);
}

function invalidSyntax(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidSyntax, detail);
}
