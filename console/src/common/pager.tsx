import type { CursorPages, Page } from './use-cursor-pages';

export function Pager<P extends Page>({ pages, label }: { pages: CursorPages<P>; label: string }) {
  if (!pages.next && !pages.previous) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={!pages.previous} onClick={() => pages.previous?.()}>
        Previous page
      </button>
      <span>Page {pages.pageNumber}</span>
      <button type="button" disabled={!pages.next} onClick={() => pages.next?.()}>
        Next page
      </button>
    </nav>
  );
}
