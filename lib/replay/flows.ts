import type { TraceEvent, View } from "@/lib/sim";

// "Messages in flight": the trace records what each component did, not every packet, so the
// diagram animates the communication each event stands for (a vote request to every peer, a
// write replicated to the followers, a request through the load balancer), for a short time
// after the event. Honest to the event, not a packet capture.

export type Flow = { from: string; to: string; kind: "raft" | "api" | "traffic" };

/** How long (virtual ms) a flow stays on screen after its event. */
const flowDurationMs = 600;

function peers(view: View, self: string, kind: string): string[] {
  return Object.entries(view.procs)
    .filter(([id, proc]) => id !== self && proc.kind === kind && proc.up && view.hosts[proc.host]?.up)
    .map(([id]) => id);
}

/** The API server a component talks to: the one on its own machine (kubeadm), else the load balancer. */
function apiOf(view: View, component: string): string | null {
  const host = view.procs[component]?.host;
  const local = Object.entries(view.procs).find(([, proc]) => proc.host === host && proc.kind === "kube-apiserver");
  if (local) return local[0];
  const lb = Object.entries(view.procs).find(([, proc]) => proc.kind === "load-balancer");
  return lb ? lb[0] : (Object.keys(view.procs).find((id) => view.procs[id]!.kind === "kube-apiserver") ?? null);
}

/** `hasTape`: the Raft view draws etcd's real messages, so the diagram leaves them out. */
function flowsOf(event: TraceEvent, view: View, hasTape = false): Flow[] {
  const from = event.component;
  const raft = (to: string[]) => to.map((peer) => ({ from, to: peer, kind: "raft" as const }));
  const api = (target: string | null) => (target ? [{ from, to: target, kind: "api" as const }] : []);
  switch (event.type) {
    case "raft.became-pre-candidate":
    case "raft.became-candidate":
    case "raft.became-leader":
    case "raft.committed":
      return hasTape ? [] : raft(peers(view, from, "etcd"));
    case "api.response":
    case "kubectl.command":
    case "drain.cordoned":
    case "drain.evicting":
    case "drain.uncordoned":
    case "leader-election.acquired":
    case "leader-election.lost":
    case "pod.scheduled":
    case "pod.created":
    case "replicaset.created":
    case "replicaset.scaled":
    case "job.pod-created":
    case "cronjob.job-created":
    case "pod.evicted":
    case "pod.not-ready":
    case "node.tainted":
    case "node.untainted":
    case "pdb.status":
    case "node.version-reported":
    case "node.registered":
    case "pod.running":
    case "kubelet.lease-renewed":
    case "hpa.rescaled":
    case "ca.scale-down":
    case "ca.node-removed":
    case "netpol.programmed":
      return api(apiOf(view, from));
    case "ca.scale-up":
      return view.procs["cloud"] ? [{ from, to: "cloud", kind: "api" }] : [];
    case "hpa.sync":
      return view.procs["metrics-server"] ? [{ from, to: "metrics-server", kind: "api" }] : [];
    case "metrics.scraped":
      return [{ from, to: `kubelet/${String(event.node)}`, kind: "api" }];
    case "conn.attempt":
    case "dns.lookup": {
      // The client pod's packets leave through the CNI agent of its node.
      const agent = `cni-agent/${String(view.pods[String(event.client).split("/")[1] ?? ""]?.node ?? "")}`;
      return view.procs[agent] ? [{ from, to: agent, kind: "traffic" }] : [];
    }
    case "netpol.allowed":
      return [
        {
          from,
          to:
            String(event.direction) === "Egress" && Number(event.port) === 53
              ? "coredns"
              : `kubelet/${from.replace("cni-agent/", "")}`,
          kind: "traffic",
        },
      ];
    case "load.changed":
    case "app.traffic":
      return Object.entries(view.pods)
        .filter(([, pod]) => pod.node && pod.phase === "Running")
        .map(([, pod]) => ({ from, to: `kubelet/${pod.node}`, kind: "traffic" as const }));
    default:
      return [];
  }
}

/** The flows on screen at time t: those of events in the last flowDurationMs, with how far along they are (0–1). */
export function activeFlows(
  events: readonly TraceEvent[],
  lastSeq: number,
  t: number,
  view: View,
  hasTape = false,
): (Flow & { progress: number; seq: number })[] {
  const active: (Flow & { progress: number; seq: number })[] = [];
  for (let seq = lastSeq; seq >= 0; seq--) {
    const event = events[seq]!;
    if (t - event.t > flowDurationMs) break;
    const progress = Math.min(1, (t - event.t) / flowDurationMs);
    for (const flow of flowsOf(event, view, hasTape)) active.push({ ...flow, progress, seq });
  }
  return active;
}
