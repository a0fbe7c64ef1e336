// The deployment-vs-statefulset scenario's claims about StatefulSet db: ordinals, order, storage, identity
// and the update partition, and the trace readings the Deployment's claims share
// (deployment-vs-statefulset-deployment-claims.ts).
import type { ClaimResult, Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, last, select } from "./claims";
import { STEPS } from "./deployment-vs-statefulset-plan";
import { boolParam, intParam } from "./types";

/** When etcd committed the removal of `pod` (the second delete: the first only marks it Terminating). */
export function removedAt(events: readonly TraceEvent[], pod: string, from: number): TraceEvent | undefined {
  const deletes = select(events, {
    type: "raft.committed",
    from,
    where: (e) => String(e.message).includes(`: delete pods default/${pod}.`),
  });
  return deletes[1];
}

const created = (events: readonly TraceEvent[], from: number, to: number) =>
  select(events, { type: "statefulset.pod-created", from, to });

/**
 * The steps that lower the replica count, as [from, to] windows: the "scale up" step may go down and the "scale down"
 * step up.
 */
export function scaleDowns(p: Params): [number, number][] {
  const [n, up, down] = [intParam(p, "replicas"), intParam(p, "scaleUpTo"), intParam(p, "scaleDownTo")];
  const out: [number, number][] = [];
  if (up < n) out.push([STEPS.scaleUp, STEPS.scaleDown]);
  if (down < up) out.push([STEPS.scaleDown, STEPS.deletePod]);
  return out;
}

function statefulClaims(p: Params, events: readonly TraceEvent[]) {
  const n = intParam(p, "replicas");
  const ordered = !boolParam(p, "parallel");
  const first3 = created(events, STEPS.create, STEPS.scaleUp);
  const names = first3.map((e) => String(e.pod));
  // The controller sees a pod Ready through its watch before the kubelet traces its own status
  // response, so "after the previous pod was ready" is checked against the container start.
  const started = (pod: string) => first(events, { type: "pod.container-started", where: (e) => e.pod === pod });
  const sequential = first3.every((e, i) => i === 0 || (started(names[i - 1]!)?.seq ?? Infinity) < e.seq);
  const windows = scaleDowns(p);
  const steps = windows.map(([from, to]) =>
    select(events, { type: "statefulset.pod-deleted", from, to, where: (e) => e.reason === "scale-down" }),
  );
  const reverse = steps.every(
    (down) => down.length > 0 && down.every((e, i) => i === 0 || Number(e.ordinal) < Number(down[i - 1]!.ordinal)),
  );
  // Under OrderedReady each deletion waits until the previous pod is gone from the API.
  const waits =
    !ordered ||
    steps.every((down, w) =>
      down.every(
        (e, i) => i === 0 || (removedAt(events, String(down[i - 1]!.pod), windows[w]![0])?.seq ?? Infinity) < e.seq,
      ),
    );
  const out = [
    claim(
      "sts-ordinals",
      `StatefulSet pods are named db-0 … db-${n - 1}` +
        (ordered
          ? ", each created only after the previous one is Running and Ready (OrderedReady)"
          : ", all at once (Parallel)") +
        ".",
      names.join(",") === Array.from({ length: n }, (_, i) => `db-${i}`).join(",") && (!ordered || sequential),
      first3,
      names.join(", "),
    ),
  ];
  if (windows.length === 0) return out; // nothing is scaled down in this run
  const deleted = steps.flat();
  return [
    ...out,
    claim(
      "sts-scale-down-reverse",
      `Scaling down removes the highest ordinals first${ordered ? ", each only after its successor is gone" : ""}.`,
      reverse && waits,
      deleted,
      "deleted ordinals in order: " +
        `${steps.map((down) => down.map((e) => e.ordinal).join(", ") || "none").join("; then ")}.`,
    ),
  ];
}

function storageClaims(p: Params, events: readonly TraceEvent[]) {
  const pvcs = select(events, { type: "pvc.created" });
  const max = Math.max(intParam(p, "replicas"), intParam(p, "scaleUpTo"), intParam(p, "scaleDownTo"));
  const get = first(events, {
    type: "api.response",
    from: STEPS.end - 1000,
    where: (e) => String(e.command).includes("get persistentvolumeclaims"),
  });
  const listed = String(get?.message ?? "");
  const out = [
    claim(
      "pvc-per-pod",
      `Each StatefulSet pod gets its own PVC www-db-<ordinal> (${max} in all), and scaling down deletes none of them.`,
      pvcs.length === max && Array.from({ length: max }, (_, i) => `www-db-${i}`).every((n) => listed.includes(n)),
      [...pvcs, get],
      listed || "no kubectl get persistentvolumeclaims.",
    ),
  ];
  const reattached = reattachClaim(p, events);
  if (reattached !== undefined) out.push(reattached);
  if (intParam(p, "scaleDownTo") === 0) return out; // no db pod is left to delete
  const namesDb0 = (e: TraceEvent) =>
    e.service === "db" &&
    Array.isArray(e.records) &&
    e.records.some((r) => r.startsWith("db-0.db.default.svc.cluster.local="));
  const dnsOf = (from: number) => first(events, { type: "endpointslice.updated", from, where: namesDb0 });
  const before = last(events, { type: "endpointslice.updated", to: STEPS.deletePod, where: namesDb0 });
  const deleted = first(events, {
    type: "api.response",
    from: STEPS.deletePod,
    where: (e) => e.verb === "delete" && String(e.message).includes("pod/db-0 deleted"),
  });
  const back = first(events, {
    type: "statefulset.pod-created",
    from: STEPS.deletePod,
    to: STEPS.setImage,
    where: (e) => e.pod === "db-0",
  });
  const after = back === undefined ? undefined : dnsOf(back.t);
  const fresh = select(events, { type: "pvc.created", where: (e) => e.pvc === "www-db-0" });
  return [
    ...out,
    claim(
      "sts-same-identity",
      "A deleted StatefulSet pod comes back with the same name, the same PVC and the " +
        "same DNS name db-0.db.default.svc.cluster.local (its IP may change).",
      deleted !== undefined &&
        back !== undefined &&
        after !== undefined &&
        fresh.length === 1 &&
        String(back.message).includes("www-db-0"),
      [before, deleted, back, after],
      back
        ? `db-0 deleted ${at(deleted)}, re-created ${at(back)}: ${String(back.message)} DNS record back ${at(after)}.`
        : "db-0 was not re-created.",
    ),
  ];
}

/**
 * Ordinals removed by a scale-down and brought back by a later scale-up mount the claim they had:
 * with the default Retain policy the claim outlived the pod, so no new one is created.
 */
function reattachClaim(p: Params, events: readonly TraceEvent[]): ReturnType<typeof claim> | undefined {
  const [n, up, down] = [intParam(p, "replicas"), intParam(p, "scaleUpTo"), intParam(p, "scaleDownTo")];
  if (!(up < n && down > up)) return undefined; // only a scale-down followed by a scale-up brings an ordinal back
  const back = created(events, STEPS.scaleDown, STEPS.deletePod).filter((e) => Number(e.ordinal) < n);
  const removed = select(events, {
    type: "statefulset.pod-deleted",
    from: STEPS.scaleUp,
    to: STEPS.scaleDown,
    where: (e) => e.reason === "scale-down",
  });
  const claimsOf = (e: TraceEvent) => select(events, { type: "pvc.created", where: (c) => c.pod === e.pod });
  const ok =
    back.length === Math.min(down, n) - up &&
    back.every(
      (e) =>
        claimsOf(e).length === 1 &&
        claimsOf(e)[0]!.t < STEPS.scaleUp &&
        String(e.message).includes(`www-${String(e.pod)}`),
    );
  return claim(
    "pvc-reattached",
    "Pods brought back by a scale-up mount the claims their ordinals had before the scale-down: " +
      "whenScaled defaults to Retain, so the claims stayed, and no new claim is created.",
    ok,
    [...back.flatMap((e) => claimsOf(e).slice(0, 1)), ...removed, ...back],
    `${back.map((e) => `${String(e.pod)} ${at(e)}`).join(", ") || "no pod"} came back; claims created for them: ${
      back
        .map((e) =>
          claimsOf(e)
            .map((c) => `${String(c.pvc)} ${at(c)}`)
            .join(" and "),
        )
        .join(", ") || "none"
    }.`,
  );
}

/**
 * rollingUpdate.partition p: only ordinals >= p get the new template, highest first and one at a
 * time (each after the previous replacement is Running and Ready, even with Parallel); the ordinals
 * below p keep the revision they were created with.
 */
export function partitionClaim(p: Params, events: readonly TraceEvent[]) {
  const [down, partition] = [intParam(p, "scaleDownTo"), intParam(p, "partition")];
  const deletions = select(events, {
    type: "statefulset.pod-deleted",
    from: STEPS.setImage,
    where: (e) => e.reason === "update",
  });
  const recreated = deletions.map((d) =>
    first(events, { type: "statefulset.pod-created", from: d.t, where: (e) => e.pod === d.pod }),
  );
  // The controller sees a pod Ready through its watch before the kubelet traces its status response, so
  // "after the previous replacement was Ready" is checked against that replacement's container start.
  const started = recreated.map((c) =>
    c === undefined
      ? undefined
      : first(events, { type: "pod.container-started", from: c.t, where: (e) => e.pod === c.pod }),
  );
  const ready = recreated.map((c) =>
    c === undefined ? undefined : first(events, { type: "pod.running", from: c.t, where: (e) => e.pod === c.pod }),
  );
  const oneAtATime = deletions.every(
    (d, i) => i === 0 || (started[i - 1] !== undefined && started[i - 1]!.seq < d.seq),
  );
  const want = Array.from({ length: Math.max(0, down - partition) }, (_, i) => down - 1 - i);
  const kept = Array.from({ length: Math.min(partition, down) }, (_, i) =>
    last(events, { type: "statefulset.pod-created", to: STEPS.setImage, where: (e) => e.ordinal === i }),
  );
  const oldRev = kept.map((e) => e?.revision);
  const newRev = recreated.map((e) => e?.revision);
  const ok =
    deletions.map((e) => Number(e.ordinal)).join(",") === want.join(",") &&
    oneAtATime &&
    recreated.every((e) => e !== undefined) &&
    newRev.every((r) => r !== undefined && !oldRev.includes(r));
  const lastUpdated = ready.at(-1) ?? recreated.at(-1);
  const keeps = kept.length === 1 ? "db-0 keeps" : `db-0 … db-${kept.length - 1} keep`;
  return claim(
    "sts-partition",
    want.length === 0
      ? `With rollingUpdate.partition ${partition} and ${down} replicas, every ordinal is below ` +
          `the partition: the image change replaces no pod and ${keeps} the old revision.`
      : `With rollingUpdate.partition ${partition}, the image change replaces only db-${down - 1} down to ` +
          `db-${partition}, one at a time even with Parallel pod management; ${keeps} the old revision.`,
    ok,
    [...kept, ...deletions, ...recreated, lastUpdated, end(events)],
    `replaced ${deletions.map((e) => `db-${String(e.ordinal)} ${at(e)}`).join(", ") || "none"} (new revision ` +
      `${String(newRev[0] ?? "—")}); kept ` +
      `${kept.map((e) => `${String(e?.pod)} at ${String(e?.revision)}`).join(", ") || "none"} up to the end of ` +
      `the run ${at(end(events))}.`,
  );
}

/** The StatefulSet's claims about ordinals, order, storage and identity. */
export function statefulSetClaims(p: Params, events: readonly TraceEvent[]): ClaimResult[] {
  return [...statefulClaims(p, events), ...storageClaims(p, events)];
}
