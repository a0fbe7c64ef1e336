/**
 * What a route shows while its server component reads data (its loading.tsx): grey blocks in the
 * page's shape, announced once as "Loading…". `blocks` are the heights of the boxes below the title.
 */
export function PageSkeleton({ label, blocks, width = "max-w-3xl" }: { label: string; blocks: string[]; width?: string }) {
  return (
    <div role="status" aria-live="polite" className={`mx-auto ${width} animate-pulse space-y-4 motion-reduce:animate-none`}>
      <span className="sr-only">Loading {label}…</span>
      <div className="h-7 w-1/2 rounded-md bg-surface-2" aria-hidden="true" />
      {blocks.map((height, index) => (
        <div key={index} className={`${height} rounded-xl border border-line bg-surface-2`} aria-hidden="true" />
      ))}
    </div>
  );
}
