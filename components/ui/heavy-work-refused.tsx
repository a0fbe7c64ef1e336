/** What a page shows when its heavy work was refused: the pool is full or the learner's rate limit is reached. */
export function HeavyWorkRefused({ message }: { message: string }) {
  return (
    <section role="alert" className="mx-auto max-w-3xl space-y-2 py-6">
      <h1 className="text-xl font-semibold">Not now: the server is busy</h1>
      <p className="text-muted">{message}</p>
      <p className="text-sm text-muted">Reload the page to try again.</p>
    </section>
  );
}
