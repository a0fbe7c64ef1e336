import Link from "next/link";

/** Previous / next links that keep the search and filters. */
export function BrowsePagination({
  params,
  page,
  pageCount,
}: {
  params: Record<string, string>;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  const href = (to: number) => `/browse?${new URLSearchParams({ ...params, page: String(to) })}`;
  const linkClass = "rounded-md border border-line px-3 py-1.5 hover:bg-surface-2";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
