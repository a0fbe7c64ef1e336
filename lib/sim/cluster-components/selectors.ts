// Fault targets that depend on the run: `@etcd-leader` (the member leading the highest term),
// `@etcd-follower` (the lowest-numbered running follower), `@lease-holder:<kind>` (the process of
// that kind currently leading) and `@kubelet-of-drained-node` (the kubelet of the node kubectl drained). The fault
// injector is omniscient; components are not.
import type { ProcId, World } from "../core/types";
import type { EtcdState } from "../etcd/member-types";

function running(w: World, kind: string): ProcId[] {
  return Object.keys(w.procs)
    .filter((id) => w.procs[id]!.kind === kind && w.procs[id]!.up)
    .sort();
}

function etcdLeader(w: World): ProcId | null {
  let best: ProcId | null = null;
  let term = -1;
  for (const id of running(w, "etcd")) {
    const r = (w.procs[id]!.state as EtcdState).raft;
    if (r.role === "leader" && r.term > term) {
      best = id;
      term = r.term;
    }
  }
  return best;
}

/** `@busiest-worker`: the worker host whose runtime runs the most pods (ties: lowest name). */
export function resolveHost(w: World, host: string): string | null {
  if (!host.startsWith("@")) return w.hosts[host] === undefined ? null : host;
  if (host !== "@busiest-worker") return null;
  let best: string | null = null;
  let most = -1;
  for (const id of running(w, "containerd")) {
    const pods = Object.values((w.procs[id]!.state as { pods: Record<string, { state: string }> }).pods).filter(
      (p) => p.state === "running",
    ).length;
    if (pods > most) {
      most = pods;
      best = w.procs[id]!.host;
    }
  }
  return best;
}

export function resolveTarget(w: World, target: string): ProcId | null {
  if (!target.startsWith("@")) return w.procs[target] === undefined ? null : target;
  if (target === "@etcd-leader") return etcdLeader(w);
  if (target === "@etcd-follower") {
    const leader = etcdLeader(w);
    return running(w, "etcd").find((id) => id !== leader) ?? null;
  }
  if (target === "@etcd-member-away-from-controller-manager") {
    // An etcd member whose node does not run the active controller manager but does run a live API
    // server (stacked topology), preferring followers: losing it shows a stacked API server going unready.
    const kcm = resolveTarget(w, "@lease-holder:kube-controller-manager");
    const avoid = kcm === null ? null : w.procs[kcm]!.host;
    const leader = etcdLeader(w);
    const ok = running(w, "etcd").filter((id) => {
      const host = w.procs[id]!.host;
      return host !== avoid && running(w, "kube-apiserver").some((a) => w.procs[a]!.host === host);
    });
    return ok.find((id) => id !== leader) ?? ok[0] ?? null;
  }
  if (target === "@kubelet-of-drained-node") {
    // The kubelet of the node kubectl drained: the operator upgrades the node they just emptied.
    const node = running(w, "kubectl")
      .map((id) => (w.procs[id]!.state as { drain?: { node: string | null } }).drain?.node ?? null)
      .find((n) => n !== null);
    return node === undefined || node === null || w.procs[`kubelet/${node}`] === undefined ? null : `kubelet/${node}`;
  }
  if (target.startsWith("@lease-holder:")) {
    const kind = target.slice("@lease-holder:".length);
    return (
      running(w, kind).find(
        (id) => (w.procs[id]!.state as { elector?: { leader: boolean } }).elector?.leader === true,
      ) ?? null
    );
  }
  return null;
}
