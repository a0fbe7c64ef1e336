// The kubeadm-upgrade scenario's claims about the control plane: kubeadm refuses to skip a minor,
// replaces the static pods one component and one node at a time, and what that means for the API.
// The version-skew and kubelet claims are in kubeadm-upgrade-skew.ts.
import type { ClaimResult, Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, issuedAt, responses, s, select } from "./claims";
import { skewClaims } from "./kubeadm-upgrade-skew";
import { intParam, type Plan } from "./types";

/** kubeadm's order on every control-plane node (staticpods.go: etcd first, then constants.ControlPlaneComponents). */
const ORDER = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

function refusedClaim(events: readonly TraceEvent[], pl: Plan): ClaimResult {
  const command = first(events, {
    type: "kubeadm.command",
    from: pl.marks.apply!,
    where: (e) => String(e.command).startsWith("kubeadm upgrade apply"),
  });
  const refused = first(events, { type: "kubeadm.refused" });
  const moved = select(events, { type: "kubeadm.manifest-moved" });
  return claim(
    "skip-minor-refused",
    "kubeadm upgrades one minor version at a time: `kubeadm upgrade apply v1.35.0` on a v1.33 cluster " +
      'fails its version policy before it touches anything, with "Specified version to upgrade to "v1.35.0" ' +
      'is too high; kubeadm can upgrade only 1 minor version at a time". Upgrade to v1.34 first.',
    refused !== undefined &&
      String(refused.message).includes("is too high; kubeadm can upgrade only 1 minor version at a time") &&
      moved.length === 0,
    [command, refused, ...moved.slice(0, 2), end(events)],
    refused === undefined
      ? "kubeadm did not refuse."
      : `kubeadm refused ${at(refused)}; ${moved.length} manifests moved afterwards.`,
  );
}

/**
 * Each control-plane node's upgrade: its kubeadm command, the manifests it moved, the components it saw come back, and
 * its end.
 */
function nodeUpgrades(events: readonly TraceEvent[]) {
  const commands = select(events, { type: "kubeadm.command", where: (e) => e.command !== "kubeadm upgrade plan" });
  return commands.map((command) => {
    const node = String(command.node);
    const mine = (e: TraceEvent) => e.node === node;
    return {
      node,
      command,
      moved: select(events, { type: "kubeadm.manifest-moved", where: mine }),
      upgraded: select(events, { type: "kubeadm.component-upgraded", where: mine }),
      success: first(events, { type: "kubeadm.success", where: mine }),
    };
  });
}

function orderClaims(p: Params, events: readonly TraceEvent[]): ClaimResult[] {
  const n = intParam(p, "controlPlanes");
  const nodes = nodeUpgrades(events);
  const inOrder = nodes.every(
    (u) =>
      u.moved.map((e) => e.manifest).join() === ORDER.join() &&
      u.upgraded.length === ORDER.length &&
      u.success !== undefined,
  );
  // Every manifest after the first is moved only once the previous component is back.
  const waited = nodes.every((u) =>
    u.moved.every((m, i) => i === 0 || (u.upgraded[i - 1] !== undefined && u.upgraded[i - 1]!.seq < m.seq)),
  );
  const started = select(events, { type: "kubelet.static-pod-started" });
  const backFirst = nodes.every((u) =>
    u.upgraded.every((c) => started.some((k) => k.proc === c.proc && k.seq < c.seq)),
  );
  const u1 = nodes[0];
  const sequential = nodes.every(
    (u, i) => i === 0 || (nodes[i - 1]!.success !== undefined && nodes[i - 1]!.success!.seq < u.command.seq),
  );
  return [
    claim(
      "static-pods-one-by-one",
      "On each control-plane node kubeadm replaces the static pods one at a time, etcd, kube-apiserver, " +
        "kube-controller-manager, kube-scheduler: it moves the new manifest into /etc/kubernetes/manifests, " +
        "the kubelet stops the old pod and starts the new one, and kubeadm moves the next manifest only " +
        "once that component runs again (kube-apiserver: once /readyz answers 200).",
      nodes.length === n && inOrder && waited && backFirst,
      [u1?.command, ...(u1?.moved ?? []), ...(u1?.upgraded ?? []), u1?.success],
      `${nodes.length} nodes upgraded; on ${u1?.node ?? "no node"}: ` +
        `${(u1?.moved ?? []).map((m) => `${String(m.manifest)} ${at(m)}`).join(", ")}; ` +
        `${u1?.success === undefined ? "no SUCCESS" : `done ${at(u1.success)}`}.`,
    ),
    claim(
      "nodes-one-by-one",
      n === 1
        ? "`kubeadm upgrade apply` upgrades the only control-plane node; " +
            "there is no other to run `kubeadm upgrade node` on."
        : "`kubeadm upgrade apply` runs on the first control-plane node only; each " +
            "other control-plane node runs `kubeadm upgrade node` after the previous " +
            "node is done, so only one node's components restart at a time.",
      nodes.length === n &&
        String(u1?.command.command).startsWith("kubeadm upgrade apply") &&
        nodes.slice(1).every((u) => u.command.command === "kubeadm upgrade node") &&
        sequential,
      nodes.flatMap((u) => [u.command, u.success]),
      nodes.map((u) => `${u.node}: ${String(u.command.command)} ${at(u.command)}, done ${at(u.success)}`).join("; ") +
        ".",
    ),
  ];
}

/**
 * When an API server restarts: from its node's kubeadm command (its etcd goes first) until kubeadm saw /readyz answer
 * 200.
 */
function restartWindows(events: readonly TraceEvent[]): { from: number; to: number }[] {
  return nodeUpgrades(events).map((u) => ({
    from: u.command.t,
    to: u.upgraded.find((c) => String(c.proc).startsWith("kube-apiserver-"))?.t ?? Infinity,
  }));
}

function apiClaim(p: Params, events: readonly TraceEvent[], pl: Plan): ClaimResult {
  const n = intParam(p, "controlPlanes");
  const gets = responses(events, "kubectl get pods", pl.marks.apply!, pl.marks.controlPlaneDone!);
  const windows = restartWindows(events);
  const inWindow = (g: TraceEvent) => windows.some((w) => issuedAt(g) >= w.from && issuedAt(g) <= w.to);
  const failed = gets.filter((g) => g.status !== 200);
  const outside = gets.filter((g) => !inWindow(g));
  const failedOutside = outside.filter((g) => g.status !== 200);
  const crashed = select(events, { type: "process.crashed", where: (e) => e.component.startsWith("kube-apiserver-") });
  const overlap = windows.some((w, i) => windows.some((v, j) => j > i && v.from < w.to && w.from < v.to));
  if (n === 1) {
    const w = windows[0];
    return claim(
      "api-outage",
      "With one control-plane node the API is down while its only kube-apiserver restarts: kubectl fails " +
        "for a few seconds (connection refused, or reset for a request in flight), then answers again.",
      w !== undefined &&
        failed.length > 0 &&
        failed.every(inWindow) &&
        w.to - w.from < 15_000 &&
        failedOutside.length === 0 &&
        outside.length > 0,
      [
        crashed[0],
        failed[0],
        failed.at(-1),
        first(events, {
          type: "api.response",
          from: w?.to ?? Infinity,
          where: (e) => e.status === 200 && String(e.command).startsWith("kubectl get pods"),
        }),
      ],
      `${failed.length} of ${gets.length} kubectl get pods failed, all between ${s(w?.from ?? 0)} ` +
        `and ${s(w?.to ?? 0)} (first: ${String(failed[0]?.error ?? "none")}); ` +
        `${outside.length - failedOutside.length} of ${outside.length} outside that window answered.`,
    );
  }
  return claim(
    "api-stays-up",
    "The API stays available behind the load balancer: kubeadm restarts one API server at a time, " +
      `so ${n - 1} of ${n} always serve, and every kubectl get sent while no API server was ` +
      "restarting succeeded. Only a request the load balancer sent to the restarting one in its few " +
      "seconds down can fail: a health check needs two failures in a row to take a backend out.",
    windows.length === n && !overlap && failedOutside.length === 0 && outside.length > 0,
    [...crashed, ...failedOutside.slice(0, 3), outside.at(-1)],
    `${windows.length} API server restarts, ${overlap ? "some overlapping" : "never two at once"}; ` +
      `${gets.length - failed.length} of ${gets.length} kubectl get pods answered; ` +
      `${failed.length - failedOutside.length} failed while an API server restarted ` +
      `(${String(failed[0]?.error ?? "none")}), ${failedOutside.length} outside.`,
  );
}

/** All the scenario's claims. Pure. */
export function upgradeClaims(p: Params, events: readonly TraceEvent[], pl: Plan): ClaimResult[] {
  if (pl.marks.kubelets === undefined) return [refusedClaim(events, pl)];
  return [...orderClaims(p, events), apiClaim(p, events, pl), ...skewClaims(p, events, pl)];
}
