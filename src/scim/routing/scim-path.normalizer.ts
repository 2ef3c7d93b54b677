import type { NextFunction, Request, Response } from 'express';
import { isScimPath } from '../scim.constants';

/**
 * The URL with repeated slashes in its path collapsed, when that makes it a SCIM path: a base URL pasted with a
 * trailing slash makes a provider call `/scim/v2//Users`. The query string is left as it is (filter values may
 * hold `//`); other paths are left alone.
 */
export function normalizeScimUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const collapsed = path.replace(/\/{2,}/g, '/');
  if (collapsed === path || !isScimPath(collapsed)) return url;
  return queryStart < 0 ? collapsed : collapsed + url.slice(queryStart);
}

/**
 * Express middleware, mounted before anything reads the path: routing, the request log and the sync log then see
 * the normalised URL. Without it, Express would even read `//scim/v2/Users` as a URL whose host is `scim`.
 */
export function scimPathNormalizer(request: Request, _response: Response, next: NextFunction): void {
  const url = normalizeScimUrl(request.url);
  if (url !== request.url) {
    request.url = url;
    request.originalUrl = url;
  }
  next();
}
