/**
 * The URL with repeated slashes in its path collapsed: a base URL pasted with a trailing slash makes an identity
 * provider call `/scim/v2//Users`, and Express would even read `//scim/v2/Users` as a URL whose host is `scim`. The
 * query string is left as it is (filter values may hold `//`). Applied to every path alike, before routing
 * (requestEntry), which cannot yet know which surface a path belongs to.
 */
export function collapseRepeatedSlashes(url: string): string {
  if (!url.includes('//')) return url;
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const collapsed = path.replace(/\/{2,}/g, '/');
  if (collapsed === path) return url;
  return queryStart < 0 ? collapsed : collapsed + url.slice(queryStart);
}
