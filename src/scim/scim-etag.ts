import { ScimError } from './scim.error';

/** RFC 7644 §3.14: resource versions are weak ETags, W/"<version>". */
export function weakEtag(version: number): string {
  return `W/"${version}"`;
}

/**
 * The version an If-Match header asks for: undefined when absent or `*`.
 * A value that is not one of our ETags can never match the current version.
 */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw new ScimError(412, `If-Match ${header} does not match the current version`);
  return Number(match[1]);
}

/** Whether an If-None-Match header names the current version (GET then answers 304). */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === `"${version}"`);
}
