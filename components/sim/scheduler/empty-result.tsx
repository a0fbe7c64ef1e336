import { Network } from "lucide-react";

/** Before the first Schedule (or after loading a preset): where the result will appear. */
export function EmptyResult() {
  return (
    <section aria-label="Result" className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-line px-6 py-10 text-center">
      <Network className="size-6 text-muted" aria-hidden="true" />
      <p className="font-medium">No result yet</p>
      <p className="max-w-md text-sm text-muted">
        Load a preset or paste your own YAML, then press Schedule. The chosen node and every plugin&apos;s verdict and score
        appear here.
      </p>
    </section>
  );
}
