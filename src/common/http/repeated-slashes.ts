import type { NextFunction, Request, Response } from 'express';

/**
 * The URL with repeated slashes in its path collapsed: a base URL pasted with a trailing slash makes an identity
 * provider call `/scim/v2//Users`. The query string is left as it is (filter values may hold `//`).
 */
export function collapseRepeatedSlashes(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const collapsed = path.replace(/\/{2,}/g, '/');
  if (collapsed === path) return url;
  return queryStart < 0 ? collapsed : collapsed + url.slice(queryStart);
}

/**
 * Express middleware, mounted before anything reads the path: routing, the request log and the sync log then see
 * the collapsed URL. Without it, Express would even read `//scim/v2/Users` as a URL whose host is `scim`.
 * It runs before routing, so it cannot know which surface a path belongs to: every path is collapsed alike.
 */
export function repeatedSlashesCollapser(request: Request, _response: Response, next: NextFunction): void {
  const url = collapseRepeatedSlashes(request.url);
  if (url !== request.url) {
    request.url = url;
    request.originalUrl = url;
  }
  next();
}
