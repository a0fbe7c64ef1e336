// The kubeadm-upgrade scenario's version-skew claims (kubernetes.io/releases/version-skew-policy):
// the versions each component runs are folded from the trace (the kubelet starting a static pod from
// a new manifest, a kubelet reporting its version) and the policy is checked after every change.
import { API_SERVER_VERSION, minorOf } from "../cluster/version-skew";
import type { ClaimResult, Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, last, select } from "./claims";
import { intParam, type Plan } from "./types";

type Minors = {
  apiServers: Record<string, number>;
  controllers: Record<string, number>;
  kubelets: Record<string, number>;
};

/** What the policy forbids in `m`, or null. kubeadm points each node's controllers at the local API server. Pure. */
function violation(m: Minors): string | null {
  const api = Object.values(m.apiServers);
  const [lo, hi] = [Math.min(...api), Math.max(...api)];
  if (hi - lo > 1) return `kube-apiserver instances v1.${lo} and v1.${hi} are more than one minor apart`;
  for (const [proc, minor] of Object.entries(m.controllers)) {
    const local = m.apiServers[`kube-apiserver-${proc.split("-").at(-1)}`]!;
    if (minor > local || minor < local - 1) return `${proc} runs v1.${minor} against its API server's v1.${local}`;
  }
  for (const [node, minor] of Object.entries(m.kubelets)) {
    const apiServers = lo === hi ? `v1.${lo}` : `v1.${lo}–v1.${hi}`;
    if (minor > lo || minor < hi - 3) return `kubelet on ${node} runs v1.${minor} with API servers at ${apiServers}`;
  }
  return null;
}

/**
 * The versions after every change, checked against the policy; the first violation, and the changes that made the API
 * servers run two minors and one again.
 */
function foldVersions(p: Params, events: readonly TraceEvent[]) {
  const from = intParam(p, "fromMinor");
  const m: Minors = { apiServers: {}, controllers: {}, kubelets: {} };
  for (const e of select(events, { type: "process.started" })) {
    if (e.component.startsWith("kube-apiserver-")) m.apiServers[e.component] = from;
    else if (e.component.startsWith("kube-controller-manager-") || e.component.startsWith("kube-scheduler-"))
      m.controllers[e.component] = from;
    else if (e.component.startsWith("kubelet/")) m.kubelets[e.component.slice("kubelet/".length)] = from;
  }
  let broken: { e: TraceEvent; why: string } | undefined;
  let mixedFrom: TraceEvent | undefined;
  let mixedUntil: TraceEvent | undefined;
  for (const e of select(events, {
    where: (x) => x.type === "kubelet.static-pod-started" || x.type === "node.version-reported",
  })) {
    const minor = minorOf(String(e.version));
    if (e.type === "node.version-reported") m.kubelets[String(e.node)] = minor;
    else if (String(e.proc) in m.apiServers) m.apiServers[String(e.proc)] = minor;
    else if (String(e.proc) in m.controllers) m.controllers[String(e.proc)] = minor;
    const why = violation(m);
    if (why !== null && broken === undefined) broken = { e, why };
    const mixed = new Set(Object.values(m.apiServers)).size > 1;
    if (mixed) mixedFrom ??= e;
    else if (mixedFrom !== undefined) mixedUntil ??= e;
  }
  return { broken, mixedFrom, mixedUntil };
}

function kubeletClaim(events: readonly TraceEvent[], pl: Plan): ClaimResult {
  const lastCp = last(events, { type: "kubeadm.success" });
  const installs = select(events, { type: "kubelet.package-installed" });
  const early = installs.filter((i) => lastCp === undefined || i.t < lastCp.t);
  const nodes = installs.map((i) => String(i.node));
  const unsafe = nodes.filter((node) => {
    const cordoned = first(events, { type: "drain.cordoned", from: pl.marks.kubelets!, where: (e) => e.node === node });
    const restarted = first(events, {
      type: "process.restarted",
      from: pl.marks.kubelets!,
      where: (e) => e.component === `kubelet/${node}`,
    });
    const uncordoned = first(events, { type: "drain.uncordoned", where: (e) => e.node === node });
    return (
      cordoned === undefined ||
      restarted === undefined ||
      uncordoned === undefined ||
      !(cordoned.t < restarted.t && restarted.t < uncordoned.t)
    );
  });
  const listed = last(events, {
    type: "api.response",
    where: (e) => String(e.command).startsWith("kubectl get nodes"),
  });
  const notListed = nodes.filter((node) => !String(listed?.message).includes(`${node} Ready ${API_SERVER_VERSION}`));
  return claim(
    "kubelets-last",
    `Kubelets are upgraded only after the whole control plane runs ${API_SERVER_VERSION}, ` +
      "one node at a time: each node is drained (cordoned, its pods evicted through the " +
      "Eviction API) before its kubelet restarts on the new version and uncordoned after; " +
      `at the end kubectl get nodes shows every node at ${API_SERVER_VERSION}.`,
    installs.length > 0 && early.length === 0 && unsafe.length === 0 && notListed.length === 0,
    [lastCp, ...early, installs[0], listed],
    `control plane done ${at(lastCp)}; ${installs.length} kubelet packages installed, ${early.length} before it; ` +
      (unsafe.length === 0
        ? "every node drained first and uncordoned after"
        : `not drained around the restart: ${unsafe.join(", ")}`) +
      "; " +
      (notListed.length === 0 ? "all listed at the new version" : `not at the new version: ${notListed.join(", ")}`) +
      ".",
  );
}

/**
 * The learner's mistake: a kubelet upgraded before the control plane. Nothing refuses it; the policy is broken until
 * the API servers catch up.
 */
function kubeletAheadClaim(p: Params, events: readonly TraceEvent[], pl: Plan): ClaimResult {
  const { broken } = foldVersions(p, events);
  const reported = broken?.e.type === "node.version-reported" ? broken.e : undefined;
  const applied = first(events, { type: "kubeadm.success", from: pl.marks.apply! });
  const refusals = select(events, { type: "kubeadm.refused" });
  const caughtUp = first(events, { type: "kubelet.static-pod-started", where: (e) => e.proc === "kube-apiserver-1" });
  return claim(
    "kubelet-ahead",
    "Upgrading node-1's kubelet before the control plane breaks the version-skew policy: it reports " +
      `${API_SERVER_VERSION} while the API servers still run v1.${intParam(p, "fromMinor")}, and a ` +
      "kubelet must never be newer than the API server. Nothing refuses it: the API server accepts its " +
      "status, and kubeadm upgrade apply checks only for kubelets that are too old (policy.go, " +
      "detectTooOldKubelets). The policy holds again only once the API servers are upgraded.",
    reported !== undefined &&
      reported.node === "node-1" &&
      refusals.length === 0 &&
      applied !== undefined &&
      caughtUp !== undefined &&
      caughtUp.t > reported.t,
    [first(events, { type: "kubelet.package-installed", from: pl.marks.kubeletFirst! }), reported, applied, caughtUp],
    reported === undefined
      ? "no kubelet newer than the API servers was reported."
      : `${broken!.why} ${at(reported)}; kubeadm upgrade apply ` +
          `${applied === undefined ? "did not finish" : `succeeded ${at(applied)}`}; the first API server at ` +
          `${API_SERVER_VERSION} ${at(caughtUp)}.`,
  );
}

/** The skew claims of a run that upgraded. Pure. */
export function skewClaims(p: Params, events: readonly TraceEvent[], pl: Plan): ClaimResult[] {
  if (pl.marks.kubeletFirst !== undefined) return [kubeletAheadClaim(p, events, pl)];
  const { broken, mixedFrom, mixedUntil } = foldVersions(p, events);
  const n = intParam(p, "controlPlanes");
  return [
    claim(
      "skew-holds",
      n === 1
        ? "The version-skew policy holds at every moment: kube-controller-manager and " +
            "kube-scheduler are never newer than the API server and at most one minor older, " +
            "and no kubelet is newer than the API server (three minors older at most)."
        : "The version-skew policy holds at every moment: while nodes are upgraded the API servers " +
            "run two versions, one minor apart, which HA allows; each node's kube-controller-manager " +
            "and kube-scheduler are never newer than the API server they talk to (the local one) and " +
            "at most one minor older; no kubelet is newer than any API server.",
      broken === undefined && (n === 1 || (mixedFrom !== undefined && mixedUntil !== undefined)),
      broken !== undefined ? [broken.e] : [mixedFrom, mixedUntil, end(events)],
      broken !== undefined
        ? `${broken.why} ${at(broken.e)}.`
        : n === 1
          ? "no version change broke the policy."
          : `the API servers ran two minors from ${at(mixedFrom)} until ${at(mixedUntil)}; no change broke the policy.`,
    ),
    kubeletClaim(events, pl),
  ];
}
