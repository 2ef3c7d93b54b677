import type { ReactNode } from 'react';
import type { Loaded } from './use-api';

interface Props<T> {
  loaded: Loaded<T>;
  what: string;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** The loading, error and loaded states of a view, the same on every page. */
export function LoadedView<T>({ loaded, what, onRetry, children }: Props<T>) {
  return (
    <>
      {loaded.state === 'loading' && !loaded.data && (
        <p className="loading" role="status">
          Loading {what}…
        </p>
      )}
      {loaded.state === 'error' && (
        <div className="notice notice-error" role="alert">
          <p>
            Could not load {what}: {loaded.message}
          </p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {loaded.data !== undefined && children(loaded.data)}
    </>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
