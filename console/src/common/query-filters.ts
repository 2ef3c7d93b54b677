import { navigate } from '../shell/router';

/** Filters live in the address (ids and names only), so that a link can open a filtered view and Back works. */
export function setFilter(path: string, query: URLSearchParams, name: string, value: string): void {
  const next = new URLSearchParams(query);
  if (value) next.set(name, value);
  else next.delete(name);
  const search = next.toString();
  navigate(search ? `${path}?${search}` : path, { replace: true });
}

export function filterOf(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) || undefined;
}
