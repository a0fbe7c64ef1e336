/** The sources a card cites, shown as short links (host and path). */
export function SourceList({ sources }: { sources: string[] }) {
  if (sources.length === 0) return null;
  return (
    <div className="mt-5 border-t border-dashed border-line pt-3 text-xs text-muted">
      <h3 className="mb-1 font-semibold uppercase tracking-wider">Sources</h3>
      <ul className="space-y-1">
        {sources.map((source) => (
          <li key={source} className="truncate">
            <a href={source} target="_blank" rel="noopener noreferrer" className="hover:text-fg hover:underline">
              {shortUrl(source)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function shortUrl(url: string): string {
  const { host, pathname, hash } = new URL(url);
  return `${host}${pathname === "/" ? "" : pathname}${hash}`;
}
