import { ScimError, ScimErrorType } from '../scim.error';

/** A list or search request, from GET query parameters or a POST .search body (RFC 7644 §3.4.2, §3.4.3). */
export interface ListRequest extends ProjectionParameters {
  filter?: string;
  startIndex: number;
  count: number;
  sortBy?: string;
  sortOrder: 'ascending' | 'descending';
}

type RawParameters = Record<string, unknown>;

export interface ProjectionParameters {
  attributes?: string;
  excludedAttributes?: string;
}

export function parseListRequest(raw: RawParameters, maxPageSize: number): ListRequest {
  const parameters = lowerCaseKeys(raw);
  return {
    ...parseProjectionParameters(raw),
    filter: optionalText(parameters, 'filter'),
    // RFC 7644 §3.4.2.4: startIndex below 1 means 1, a negative count means 0.
    startIndex: Math.max(1, optionalInteger(parameters, 'startindex') ?? 1),
    count: Math.min(maxPageSize, Math.max(0, optionalInteger(parameters, 'count') ?? maxPageSize)),
    sortBy: optionalText(parameters, 'sortby'),
    sortOrder: parseSortOrder(optionalText(parameters, 'sortorder')),
  };
}

/** `attributes` and `excludedAttributes`, accepted on every read and write of a single resource too. */
export function parseProjectionParameters(raw: RawParameters): ProjectionParameters {
  const parameters = lowerCaseKeys(raw);
  return {
    attributes: optionalList(parameters, 'attributes'),
    excludedAttributes: optionalList(parameters, 'excludedattributes'),
  };
}

function lowerCaseKeys(raw: RawParameters): RawParameters {
  return Object.fromEntries(Object.entries(raw ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
}

function optionalText(parameters: RawParameters, key: string): string | undefined {
  const value = single(parameters, key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${key} must be a string`);
  return value;
}

function optionalInteger(parameters: RawParameters, key: string): number | undefined {
  const value = single(parameters, key);
  if (value === undefined || value === null || value === '') return undefined;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever a .search body holds is read as text
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(number)) throw invalid(`${key} must be an integer, not ${JSON.stringify(value)}`);
  return number;
}

/** `attributes` is a comma-separated string in a query and an array of strings in a .search body. */
function optionalList(parameters: RawParameters, key: string): string | undefined {
  const value = parameters[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',') || undefined;
  if (typeof value === 'string') return value;
  throw invalid(`${key} must be a comma-separated string or an array of strings`);
}

function parseSortOrder(value: string | undefined): 'ascending' | 'descending' {
  if (value === undefined) return 'ascending';
  const lower = value.toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw invalid(`sortOrder must be "ascending" or "descending", not ${JSON.stringify(value)}`);
}

/** A repeated query parameter arrives as an array: the last one wins. */
function single(parameters: RawParameters, key: string): unknown {
  const value = parameters[key];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function invalid(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidValue, detail);
}
