import { useEffect, useState } from 'react';
import { type Loaded, useApi } from './use-api';

export interface Page {
  nextCursor: string | null;
}

export interface CursorPages<P extends Page> {
  loaded: Loaded<P>;
  reload: () => void;
  pageNumber: number;
  next: (() => void) | null;
  previous: (() => void) | null;
}

/** Pages through a list with the API's cursors; back to the first page whenever `filterKey` changes. */
export function useCursorPages<P extends Page>(load: (cursor: string | undefined) => Promise<P>, filterKey: string): CursorPages<P> {
  const [trail, setTrail] = useState<{ filterKey: string; cursors: (string | undefined)[] }>({ filterKey, cursors: [undefined] });
  useEffect(() => setTrail({ filterKey, cursors: [undefined] }), [filterKey]);
  const cursors = trail.filterKey === filterKey ? trail.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const { loaded, reload } = useApi(() => load(cursor), [filterKey, cursor]);
  const nextCursor = loaded.state === 'ready' ? loaded.data.nextCursor : null;
  return {
    loaded,
    reload,
    pageNumber: cursors.length,
    next: nextCursor ? () => setTrail({ filterKey, cursors: [...cursors, nextCursor] }) : null,
    previous: cursors.length > 1 ? () => setTrail({ filterKey, cursors: cursors.slice(0, -1) }) : null,
  };
}
