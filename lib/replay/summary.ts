import type { View } from "@/lib/sim";

// The cluster diagram in words, for screen readers and for anyone who prefers text.

function procsOfKind(view: View, kind: string) {
  return Object.entries(view.procs).filter(([, proc]) => proc.kind === kind);
}

function isRunning(view: View, proc: { up: boolean; host: string }): boolean {
  return proc.up && (view.hosts[proc.host]?.up ?? false);
}

export function describeView(view: View): string[] {
  const lines: string[] = [];
  const etcd = procsOfKind(view, "etcd");
  if (etcd.length) {
    const up = etcd.filter(([, proc]) => isRunning(view, proc));
    const leader = etcd.find(([, proc]) => proc.role === "leader" && isRunning(view, proc));
    lines.push(
      `etcd: ${up.length} of ${etcd.length} members up; ` +
        `${leader ? `${leader[0]} leads term ${leader[1].term}` : "no leader"}.`,
    );
  }
  const apis = procsOfKind(view, "kube-apiserver");
  if (apis.length) {
    const up = apis.filter(([, proc]) => isRunning(view, proc)).length;
    const inRotation = Object.values(view.backends).filter(Boolean).length;
    lines.push(
      `API servers: ${up} of ${apis.length} ` +
        `running${Object.keys(view.backends).length ? `, ${inRotation} in the load balancer's rotation` : ""}.`,
    );
  }
  for (const [kind, name] of [
    ["kube-controller-manager", "Controller manager"],
    ["kube-scheduler", "Scheduler"],
  ] as const) {
    const replicas = procsOfKind(view, kind);
    if (!replicas.length) continue;
    const leader = replicas.find(([, proc]) => proc.leading && isRunning(view, proc));
    lines.push(
      `${name}: ${leader ? `${leader[0]} is the active leader` : "no active leader"}; ` +
        `${replicas.filter(([, proc]) => isRunning(view, proc)).length} of ${replicas.length} running.`,
    );
  }
  const nodes = Object.entries(view.nodes);
  if (nodes.length) {
    lines.push(
      "Nodes: " +
        nodes
          .map(
            ([name, node]) =>
              `${name} ` +
              (node.ready === "True" ? "Ready" : node.ready === "False" ? "NotReady" : "Unknown") +
              `${node.taints.length ? " (tainted)" : ""}`,
          )
          .join(", ") +
        ".",
    );
  }
  const pods = Object.values(view.pods);
  if (pods.length) {
    const count = (phase: string) => pods.filter((pod) => pod.phase === phase).length;
    const finished = count("Succeeded") + count("Failed");
    lines.push(
      `Pods: ${count("Running")} running, ${count("Pending")} pending, ${count("Terminating")} ` +
        `terminating${finished > 0 ? `, ${count("Succeeded")} succeeded, ${count("Failed")} failed` : ""}.`,
    );
  }
  const down = Object.entries(view.hosts)
    .filter(([, host]) => !host.up)
    .map(([id]) => id);
  if (down.length) lines.push(`Machines without power: ${down.join(", ")}.`);
  if (view.partitions.length) lines.push(`Network partitioned into: ${view.partitions.join(" | ")}.`);
  if (view.traffic)
    lines.push(`Last traffic check: ${view.traffic.ok} of ${view.traffic.ok + view.traffic.failed} requests answered.`);
  return lines;
}
