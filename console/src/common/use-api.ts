import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-client';

export type Loaded<T> = { state: 'loading'; data?: T } | { state: 'error'; message: string; data?: T } | { state: 'ready'; data: T };

/**
 * Loads on mount and whenever `dependencies` change (showing nothing stale meanwhile); `reload` fetches again,
 * keeping what is shown until the answer comes.
 */
export function useApi<T>(load: () => Promise<T>, dependencies: unknown[]): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const run = useCallback(load, dependencies);
  const lastRun = useRef(run);
  useEffect(() => {
    let live = true;
    const sameQuery = lastRun.current === run;
    lastRun.current = run;
    setLoaded((previous) => ({ state: 'loading', data: sameQuery ? previous.data : undefined }));
    run().then(
      (data) => live && setLoaded({ state: 'ready', data }),
      (error: unknown) => live && setLoaded((previous) => ({ state: 'error', message: messageOf(error), data: previous.data })),
    );
    return () => {
      live = false;
    };
  }, [run, generation]);
  return { loaded, reload: useCallback(() => setGeneration((value) => value + 1), []) };
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The service could not be reached. Check your connection and try again.';
}
