/** The one envelope of every admin and internal list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** A page from `limit + 1` rows read: the extra row only tells that another page follows. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

/** A list that cannot grow beyond one page. */
export function wholeList<T>(items: T[]): Page<T> {
  return { items, nextCursor: null };
}
