import type { Metadata } from "next";
import Link from "next/link";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { applicableParams, defaultParams, listScenarios, type ParamDef } from "@/lib/sim";

export const metadata: Metadata = { title: "Simulations" };

/** "etcd members 1–7", "Outage length 10–600 s", "Bad release on/off", "Case: 7 choices". */
function describeParam(param: ParamDef): string {
  if (param.type === "boolean") return `${param.label} on/off`;
  if (param.type === "enum") return `${param.label}: ${param.options.length} choices`;
  return `${param.label} ${param.min}–${param.max}${param.unit ? ` ${param.unit}` : ""}`;
}

export default function SimulationsPage() {
  const scenarios = listScenarios();
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Simulations</h1>
        <p className="max-w-3xl text-muted">
          A deterministic simulation of a Kubernetes cluster, run on the server: etcd&apos;s Raft with etcd&apos;s own
          timings, the API servers and their watch caches, leader election, kubelets and the node lifecycle controller.
          Each replay checks its claims against what happened, and you can change the parameters and run it again.
        </p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {scenarios.map((scenario) => (
          <li key={scenario.id} className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
            <div className="space-y-1">
              <h2 className="font-semibold">{scenario.title}</h2>
              <p className="text-sm text-muted">
                <InlineMarkdown text={scenario.summary} />
              </p>
            </div>
            <p className="text-xs text-muted">
              {applicableParams(scenario.params, defaultParams(scenario)).map(describeParam).join(" · ")}
            </p>
            <Link
              href={`/sim/${scenario.id}`}
              className={
                "mt-auto self-start rounded-md bg-accent px-4 py-2 " +
                "text-sm font-medium text-accent-fg hover:opacity-90"
              }
              aria-label={`Replay ${scenario.title}`}
            >
              Replay
            </Link>
          </li>
        ))}
        <li className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
          <div className="space-y-1">
            <h2 className="font-semibold">Scheduler playground</h2>
            <p className="text-sm text-muted">
              Paste Nodes and a Pod, or pick a preset: see every filter and score of the real kube-scheduler plugins,
              per node, and the node it picks.
            </p>
          </div>
          <Link
            href="/sim/scheduler"
            className={
              "mt-auto self-start rounded-md border border-line " + "px-4 py-2 text-sm font-medium hover:border-accent"
            }
          >
            Open the playground
          </Link>
        </li>
      </ul>
    </div>
  );
}
