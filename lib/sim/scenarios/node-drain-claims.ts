// The node-drain scenario's claims: the drain cordons the node and evicts only as fast as the budget
// allows, never below its floor; then the upgraded kubelet reports its version within the skew policy.
import { API_SERVER_VERSION, kubeletSkew } from "../cluster/version-skew";
import type { ClaimResult, Params, TraceEvent } from "../trace/types";
import { at, claim, fewestReady, first, s, select } from "./claims";
import { allowedAtRest, DRAIN_TIMEOUT_S, floorOf, phases, versionOf } from "./node-drain-plan";
import { intParam } from "./types";

const isWeb = (e: TraceEvent) => typeof e.pod === "string" && e.pod.startsWith("web-");

/** The fewest Ready web pods not being evicted at any moment in [from, to], folded from the trace. */
function fewestAvailable(
  events: readonly TraceEvent[],
  from: number,
  to: number,
): { min: number; at: TraceEvent | undefined } {
  return fewestReady(select(events, { to, where: isWeb }), from, "eviction.granted");
}

function drainClaims(p: Params, events: readonly TraceEvent[]) {
  const P = phases(p);
  const n = intParam(p, "replicas");
  const allowed = allowedAtRest(p);
  const hasBudget = intParam(p, "budget") !== 0;
  const cordoned = first(events, { type: "drain.cordoned", from: P.drain });
  const node = String(cordoned?.node ?? "");
  const taint = first(events, {
    type: "node.tainted",
    from: P.drain,
    where: (e) => e.node === node && e.cordoned === true,
  });
  const firstEvict = first(events, { type: "drain.evicting", from: P.drain });
  const evicting = select(events, { type: "drain.evicting", from: P.drain });
  const onNode = [...new Set(evicting.map((e) => String(e.pod)))];
  const uncordon = first(events, { type: "drain.uncordoned", from: P.uncordon });
  const placedThere = select(events, {
    type: "pod.scheduled",
    from: cordoned?.t ?? P.drain,
    to: uncordon?.t ?? P.end,
    where: (e) => e.node === node,
  });
  const refused = select(events, { type: "eviction.refused", from: P.drain });
  const retries = select(events, { type: "drain.eviction-refused", from: P.drain });
  const retriedOnTime = retries.every(
    (r) =>
      first(events, { type: "drain.evicting", from: r.t + 1, where: (e) => e.pod === r.pod })?.t === r.t + 5000 ||
      P.upgrade === null,
  );
  const granted = select(events, { type: "eviction.granted", from: P.drain });
  const drained = first(events, { type: "drain.drained", from: P.drain });
  const failed = first(events, { type: "drain.failed", from: P.drain });
  const expectRefusals = onNode.length > allowed;
  const claims = [
    claim(
      "cordon-first",
      "kubectl drain cordons the node before the first eviction: spec.unschedulable is set, " +
        "the node lifecycle controller adds the node.kubernetes.io/unschedulable:NoSchedule " +
        "taint, and no pod is scheduled there until uncordon.",
      cordoned !== undefined &&
        firstEvict !== undefined &&
        cordoned.t <= firstEvict.t &&
        taint !== undefined &&
        placedThere.length === 0,
      [cordoned, taint, firstEvict, ...placedThere.slice(0, 3), uncordon],
      `${node || "no node"} cordoned ${at(cordoned)}, tainted ${at(taint)}, first eviction ` +
        `${at(firstEvict)}; ${placedThere.length} pods scheduled to it before uncordon.`,
    ),
  ];
  if (!hasBudget) {
    claims.push(
      claim(
        "no-budget",
        "Without a PodDisruptionBudget every eviction is granted at " +
          `once: all ${onNode.length} pods on the node stop together.`,
        refused.length === 0 &&
          granted.length === onNode.length &&
          onNode.length > 0 &&
          granted.every((g) => g.t - (firstEvict?.t ?? 0) < 1000),
        [firstEvict, ...granted],
        `${granted.length} evictions granted, ${refused.length} refused, the last ` +
          `${s((granted.at(-1)?.t ?? 0) - (firstEvict?.t ?? 0))} after the first request.`,
      ),
    );
    return claims;
  }
  const r0 = refused[0];
  // checkAndDecrement spends the disruption without re-counting currentHealthy: until the disruption
  // controller's next sync the cause can read "has 4" for a budget that needs 3.
  const stale =
    r0 !== undefined && Number(r0.current) > Number(r0.desired)
      ? ": the grant before it spent the last disruption, and the disruption controller has not re-counted yet"
      : "";
  const cause =
    r0 === undefined
      ? ""
      : ` (the first says "The disruption budget ${r0.pdb} needs ` +
        `${r0.desired} healthy pods and has ${r0.current} currently"${stale})`;
  claims.push(
    expectRefusals
      ? claim(
          "eviction-429",
          (allowed === 0
            ? "The budget allows no disruption at all"
            : `The budget allows ${allowed} disruption${allowed === 1 ? "" : "s"} at a time`) +
            ` and the node runs ${onNode.length} of its pods, so the API server answers 429 TooManyRequests ` +
            "while the budget is spent; kubectl retries each refused eviction 5 s later.",
          refused.length > 0 &&
            refused.every((r) => r.allowed === 0) &&
            retries.length === refused.length &&
            retriedOnTime,
          [
            refused[0],
            retries[0],
            first(events, {
              type: "drain.evicting",
              from: (retries[0]?.t ?? P.end) + 1,
              where: (e) => e.pod === retries[0]?.pod,
            }),
          ],
          `${refused.length} evictions refused with 429${cause}; ${retries.length} retried by kubectl.`,
        )
      : claim(
          "eviction-429",
          `The budget allows ${allowed} disruption${allowed === 1 ? "" : "s"} and the ` +
            `node runs only ${onNode.length} of its pods, so no eviction is refused.`,
          refused.length === 0 && granted.length === onNode.length,
          [firstEvict, ...granted],
          `${granted.length} evictions granted, ${refused.length} refused.`,
        ),
  );
  if (P.upgrade === null) {
    claims.push(
      claim(
        "drain-blocked",
        `minAvailable ${floorOf(p)} equals the replicas: the budget never allows a ` +
          "disruption, so every eviction is refused until kubectl drain gives up at " +
          `its ${DRAIN_TIMEOUT_S} s --timeout, and no pod leaves the node.`,
        granted.length === 0 && failed !== undefined && drained === undefined,
        [refused[0], failed],
        failed === undefined
          ? "the drain did not fail."
          : `${refused.length} refusals, ${granted.length} evictions granted; ${String(failed.message)}`,
      ),
    );
  } else {
    const waits = granted.slice(allowed).map((g) => {
      const replacements = select(events, {
        type: "pod.running",
        from: P.drain,
        to: g.t,
        where: (e) => isWeb(e) && e.node !== node,
      });
      return { g, ok: replacements.length >= granted.indexOf(g) - allowed + 1, last: replacements.at(-1) };
    });
    const late = waits.find((w) => !w.ok);
    claims.push(
      claim(
        "waits-for-replacement",
        "The drain waits: each eviction beyond the budget is granted only after a " +
          "replacement pod is Ready on another node, and then the drain completes.",
        late === undefined && drained !== undefined,
        late !== undefined ? [late.g] : [...waits.slice(0, 2).flatMap((w) => [w.last, w.g]), drained],
        late !== undefined
          ? `eviction ${at(late.g)} was granted before enough replacements were Ready.`
          : `${waits.length} evictions waited for a replacement; ` +
              `${drained ? `drained ${at(drained)}` : "the drain did not complete"}.`,
      ),
    );
  }
  const floor = floorOf(p);
  const avail = fewestAvailable(
    events,
    first(events, { type: "pdb.status", where: (e) => e.desired === floor && e.current === n })?.t ?? P.drain,
    P.end,
  );
  claims.push(
    claim(
      "budget-floor",
      `At no moment are fewer than ${floor} web pods Ready (the budget's desiredHealthy), evictions included.`,
      avail.min >= floor && avail.min !== Infinity,
      [avail.at, select(events, {}).at(-1)],
      `fewest Ready pods: ${avail.min === Infinity ? "n/a" : avail.min} ${at(avail.at)}.`,
    ),
  );
  return claims;
}

function upgradeClaims(p: Params, events: readonly TraceEvent[]) {
  const P = phases(p);
  const version = versionOf(p);
  const installed = first(events, { type: "kubelet.package-installed", from: P.upgrade ?? P.end });
  const node = String(installed?.node ?? "");
  const reported = first(events, {
    type: "node.version-reported",
    from: P.upgrade ?? P.end,
    where: (e) => e.node === node,
  });
  const restarted = first(events, {
    type: "process.restarted",
    from: P.upgrade ?? P.end,
    where: (e) => e.component === `kubelet/${node}`,
  });
  const listed = first(events, {
    type: "api.response",
    from: P.upgrade ?? P.end,
    where: (e) => String(e.command).startsWith("kubectl get nodes"),
  });
  const skew = kubeletSkew(API_SERVER_VERSION, version);
  const typed = first(events, {
    type: "kubectl.command",
    from: P.uncordon,
    where: (e) => String(e.command).startsWith("kubectl uncordon"),
  });
  const uncordon = first(events, { type: "drain.uncordoned", from: P.uncordon });
  const untainted = first(events, { type: "node.untainted", from: P.uncordon, where: (e) => e.cordoned === false });
  const upgraded = claim(
    "kubelet-version",
    skew === "newer"
      ? `The restarted kubelet reports ${version}, newer than kube-apiserver ` +
          `${API_SERVER_VERSION}: the version-skew policy forbids it, yet nothing refuses it ` +
          "(kubeadm's KubeletVersion preflight guards init and join, not a package upgrade, and the " +
          "API server does not check). Flagged: never upgrade a kubelet past the control plane."
      : `The restarted kubelet reports ${version} in the node's status: within the version-skew policy ` +
          `(at most three minors older than kube-apiserver ${API_SERVER_VERSION}, never newer).`,
    reported !== undefined &&
      reported.version === version &&
      restarted !== undefined &&
      restarted.t < reported.t &&
      listed !== undefined &&
      String(listed.message).includes(`${node} Ready,SchedulingDisabled ${version}`),
    [installed, restarted, reported, listed],
    reported === undefined
      ? "the node never reported the new version."
      : `${String(reported.message).replace(/\.$/, "")} ` +
          `(${skew === "newer" ? "unsupported skew: newer than the API server" : "supported skew"}); ` +
          `${listed === undefined ? "no kubectl get nodes" : (String(listed.message).split(" → ")[1] ?? "")}.`,
  );
  return [
    ...(P.upgrade === null ? [] : [upgraded]),
    claim(
      "uncordoned",
      "kubectl uncordon clears spec.unschedulable and the node lifecycle " +
        "controller removes the unschedulable taint: the node is schedulable again.",
      typed !== undefined && uncordon !== undefined && untainted !== undefined && untainted.t >= typed.t,
      [typed, uncordon, untainted],
      `uncordoned ${at(uncordon)}, taint removed ${at(untainted)}.`,
    ),
  ];
}

export function nodeDrainClaims(p: Params, events: readonly TraceEvent[]): ClaimResult[] {
  return [...drainClaims(p, events), ...upgradeClaims(p, events)];
}
