import type { RequestView } from "@/lib/sim";

// The kube-apiserver's handler chain, in the order a write goes through it (k8s-facts §7), and how each stage reads.
const stageLabels: Record<string, string> = {
  authentication: "Authentication",
  "priority-and-fairness": "Priority & Fairness",
  authorization: "Authorization",
  defaulting: "Decode & defaulting",
  "mutating-admission": "Mutating admission",
  "schema-validation": "Schema validation",
  "validating-admission": "Validating admission",
  "etcd-write": "etcd write",
  response: "Response",
};
const stages = Object.keys(stageLabels);

/** Where the latest API request is in the API server's chain: each stage it passed, and the one it is at. */
export function RequestFlow({ request }: { request: RequestView }) {
  const current = stages.indexOf(request.stage);
  return (
    <section aria-label="API request flow" className="space-y-2 rounded-xl border border-line bg-surface p-3">
      <p className="text-sm">
        <span className="font-mono text-xs">{request.request}</span>{" "}
        <span className="text-muted">as {request.user}</span>
      </p>
      <ol className="flex flex-wrap gap-1.5 text-xs">
        {stages.map((stage, index) => {
          const state = index < current ? "done" : index === current ? "current" : "ahead";
          return (
            <li
              key={stage}
              aria-current={state === "current" ? "step" : undefined}
              className={
                "rounded-md border px-2 py-1 " +
                (state === "current"
                  ? "border-accent bg-accent text-accent-fg font-semibold"
                  : state === "done"
                    ? "border-accent/50 bg-accent-soft"
                    : "border-line text-muted")
              }
            >
              {index + 1}. {stageLabels[stage]}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
