import { isJsonObject } from '../patch/json-object';

const PREFIX = 'bulkId:';
/** A reference inside a filter of a PATCH path: members[value eq "bulkId:qwerty"]. */
const QUOTED_REFERENCE = /"bulkId:([^"]+)"/g;
/** The id of an operation's path: /Groups/bulkId:qwerty. */
const PATH_ID_REFERENCE = /\/bulkId:([^/]+)$/;

/**
 * RFC 7644 §3.7.2: an operation refers to a resource created in the same request as "bulkId:<bulkId>" — as a
 * whole string value anywhere in its data, as the id of its path, or quoted inside a PATCH path's filter.
 */
export function referencedBulkIds(path: string | undefined, data: unknown): Set<string> {
  const found = new Set<string>();
  const idInPath = path === undefined ? null : PATH_ID_REFERENCE.exec(path);
  if (idInPath) found.add(idInPath[1]);
  visit(data, false, found);
  return found;
}

/** The value with each reference replaced by the id it stands for (`resolve` knows them all). */
export function resolveBulkIds<T>(value: T, resolve: (bulkId: string) => string, inPath = false): T {
  if (typeof value === 'string') {
    if (value.startsWith(PREFIX)) return resolve(value.slice(PREFIX.length)) as T;
    if (inPath) return value.replace(QUOTED_REFERENCE, (_, bulkId: string) => `"${resolve(bulkId)}"`) as T;
    return value;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => resolveBulkIds(item, resolve)) as T;
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveBulkIds(item, resolve, key.toLowerCase() === 'path')]),
    ) as T;
  }
  return value;
}

/** The path's id segment, or a reference, e.g. "/Groups/bulkId:qwerty". */
export function resolvePathBulkId(path: string, resolve: (bulkId: string) => string): string {
  return path.replace(PATH_ID_REFERENCE, (_, bulkId: string) => `/${resolve(bulkId)}`);
}

function visit(value: unknown, inPath: boolean, found: Set<string>): void {
  if (typeof value === 'string') collect(value, inPath, found);
  else if (Array.isArray(value)) value.forEach((item) => visit(item, false, found));
  else if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) visit(item, key.toLowerCase() === 'path', found);
}

function collect(value: string, inPath: boolean, found: Set<string>): void {
  if (value.startsWith(PREFIX)) found.add(value.slice(PREFIX.length));
  else if (inPath) for (const match of value.matchAll(QUOTED_REFERENCE)) found.add(match[1]);
}
