import { Network } from "lucide-react";

/** Where the result will appear: before the first Schedule, after loading a preset, or while an input has an error. */
export function EmptyResult({ hasError }: { hasError: boolean }) {
  return (
    <section
      aria-label="Result"
      className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-line px-6 py-10 text-center"
    >
      <Network className="size-6 text-muted" aria-hidden="true" />
      <p className="font-medium">{hasError ? "Nothing scheduled" : "No result yet"}</p>
      <p className="max-w-md text-sm text-muted">
        {hasError
          ? "An input has an error, shown next to its editor. Fix it and press Schedule again."
          : "Load a preset or paste your own YAML, then press Schedule. The chosen " +
            "node and every plugin\u2019s verdict and score appear here."}
      </p>
    </section>
  );
}
