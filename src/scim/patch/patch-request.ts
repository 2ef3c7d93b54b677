import { ScimMessageUri } from '../scim.constants';
import { ScimError, ScimErrorType } from '../scim.error';
import { getIgnoringCase, isJsonObject } from './json-object';
import { PatchOperation, PatchOpName } from './patch-operation';

/** Most operations one PATCH request may carry; published as the PATCH limit of ServiceProviderConfig. */
export const MAX_PATCH_OPERATIONS = 1000;

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove'];

/**
 * Validates an RFC 7644 §3.5.2 PatchOp body. Lenient where providers differ: keys and op names in any
 * case (Entra ID sends "Replace"), `"path": null` or "" taken as no path.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax('The PATCH body must be a JSON object');
  assertPatchOpSchema(body);
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('The PATCH body must have an "Operations" array with at least one operation');
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    // RFC 7644 §3.7.4 answers 413 when a bulk request exceeds maxOperations; the same limit applies here.
    throw new ScimError(413, `A PATCH request may carry at most ${MAX_PATCH_OPERATIONS} operations; got ${operations.length}`);
  }
  return operations.map((operation, index) => parseOperation(operation, index));
}

function assertPatchOpSchema(body: Record<string, unknown>): void {
  const schemas = getIgnoringCase(body, 'schemas');
  const listed =
    Array.isArray(schemas) && schemas.some((uri) => typeof uri === 'string' && uri.toLowerCase() === ScimMessageUri.PatchOp.toLowerCase());
  if (!listed) throw invalidSyntax(`The PATCH body must list "${ScimMessageUri.PatchOp}" in "schemas" (RFC 7644 §3.5.2)`);
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  if (!isJsonObject(operation)) throw invalidSyntax(`Operations[${index}] must be an object`);
  const op = parseOpName(getIgnoringCase(operation, 'op'), index);
  const path = parsePath(getIgnoringCase(operation, 'path'), index);
  const value = getIgnoringCase(operation, 'value');
  if (op === 'remove') {
    if (path === undefined) {
      throw ScimError.badRequest(ScimErrorType.NoTarget, `Operations[${index}]: "remove" needs a "path" (RFC 7644 §3.5.2.2)`);
    }
    return { op, path, ...(value !== undefined ? { value } : {}) };
  }
  if (value === undefined) {
    throw ScimError.badRequest(ScimErrorType.InvalidValue, `Operations[${index}]: "${op}" needs a "value"`);
  }
  return { op, ...(path !== undefined ? { path } : {}), value };
}

function parseOpName(op: unknown, index: number): PatchOpName {
  const name = typeof op === 'string' ? OP_NAMES.find((candidate) => candidate === op.trim().toLowerCase()) : undefined;
  if (!name) throw invalidSyntax(`Operations[${index}].op must be one of "add", "replace" or "remove"`);
  return name;
}

function parsePath(path: unknown, index: number): string | undefined {
  if (path === undefined || path === null) return undefined;
  if (typeof path !== 'string') throw ScimError.badRequest(ScimErrorType.InvalidPath, `Operations[${index}].path must be a string`);
  const trimmed = path.trim();
  return trimmed === '' ? undefined : trimmed;
}

function invalidSyntax(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidSyntax, detail);
}
