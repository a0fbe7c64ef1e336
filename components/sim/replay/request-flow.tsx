import type { RequestView } from "@/lib/sim";

// The kube-apiserver's handler chain, in the order a write goes through it (k8s-facts §7).
const stages = [
  { id: "authentication", label: "Authentication" },
  { id: "priority-and-fairness", label: "Priority & Fairness" },
  { id: "authorization", label: "Authorization" },
  { id: "defaulting", label: "Decode & defaulting" },
  { id: "mutating-admission", label: "Mutating admission" },
  { id: "schema-validation", label: "Schema validation" },
  { id: "validating-admission", label: "Validating admission" },
  { id: "etcd-write", label: "etcd write" },
  { id: "response", label: "Response" },
];

/** Where the latest API request is in the API server's chain: each stage it passed, and the one it is at. */
export function RequestFlow({ request }: { request: RequestView }) {
  const current = stages.findIndex((stage) => stage.id === request.stage);
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
              key={stage.id}
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
              {index + 1}. {stage.label}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
