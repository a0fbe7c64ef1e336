/** Quorum's mark: three members, two of them lit, a majority. */
export function QuorumMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className}>
      <circle cx="12" cy="5.5" r="3.5" fill="currentColor" />
      <circle cx="5" cy="17.5" r="3.5" fill="currentColor" />
      <circle cx="19" cy="17.5" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M10 8.5 6.8 14.3M8.6 17.5h6.8M14 8.5l3.2 5.8" stroke="currentColor" strokeWidth="1.2" opacity="0.5" />
    </svg>
  );
}
