// Scenario: a Deployment `web` and a StatefulSet `db` (with its headless Service and a
// volumeClaimTemplate) side by side: create `replicas`, scale up, scale down, delete one pod of
// each, change the image. Names, order, storage and DNS identity differ in every step (k8s-facts §6).
// `partition` sets the StatefulSet's rollingUpdate.partition: the image change stops at that ordinal.
import { DEFAULT_TUNING } from "../cluster/defaults";
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, end, first, last, select } from "./claims";
import { applyAt, container, deploymentOf, kubectlAt, podSpec, serviceOf, statefulSetOf, template } from "./manifests";
import { boolParam, intParam, type Plan, type ScenarioDef } from "./types";

export const STEPS = {
  create: 3000,
  scaleUp: 25_000,
  scaleDown: 42_000,
  deletePod: 58_000,
  setImage: 70_000,
  end: 100_000,
};
const ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]";

function plan(p: Params): Plan {
  const n = intParam(p, "replicas");
  const policy = boolParam(p, "parallel") ? "Parallel" : "OrderedReady";
  const web = deploymentOf("web", n, template({ app: "web" }, podSpec([container("web", "nginx:1.27")])));
  const db = statefulSetOf(
    "db",
    n,
    template({ app: "db" }, podSpec([container("db", "nginx:1.27")])),
    policy,
    ["www"],
    intParam(p, "partition"),
  );
  const scale = (at: number, replicas: number) => [
    kubectlAt(at, "scale", { kind: "deployment", name: "web", replicas }),
    kubectlAt(at, "scale", { kind: "statefulset", name: "db", replicas }),
  ];
  return {
    cluster: {
      etcdMembers: 1,
      etcdTopology: "stacked",
      controlPlanes: 1,
      workers: 2,
      zones: 1,
      webTraffic: false,
      tuning: DEFAULT_TUNING,
    },
    script: [
      applyAt(
        STEPS.create,
        serviceOf("db", { app: "db" }, "None"),
        "db-service.yaml",
        "headless Service db (clusterIP: None)",
      ),
      applyAt(
        STEPS.create,
        db,
        "db-statefulset.yaml",
        `StatefulSet db, ${n} replicas, ${policy}, volumeClaimTemplate ` +
          `www${intParam(p, "partition") > 0 ? `, rollingUpdate.partition ${intParam(p, "partition")}` : ""}`,
      ),
      applyAt(STEPS.create, web, "web-deployment.yaml", `Deployment web, ${n} replicas`),
      ...scale(STEPS.scaleUp, intParam(p, "scaleUpTo")),
      ...scale(STEPS.scaleDown, intParam(p, "scaleDownTo")),
      kubectlAt(STEPS.deletePod, "delete-first", { label: "app=web" }),
      kubectlAt(STEPS.deletePod, "delete-first", { label: "app=db" }),
      kubectlAt(STEPS.setImage, "set-image", {
        kind: "deployment",
        name: "web",
        container: "web",
        image: "nginx:1.28",
      }),
      kubectlAt(STEPS.setImage, "set-image", { kind: "statefulset", name: "db", container: "db", image: "nginx:1.28" }),
      kubectlAt(STEPS.end - 1000, "get", { resource: "persistentvolumeclaims" }),
    ],
    durationMs: STEPS.end,
    marks: STEPS,
  };
}

/** When etcd committed the removal of `pod` (the second delete: the first only marks it Terminating). */
function removedAt(events: readonly TraceEvent[], pod: string, from: number): TraceEvent | undefined {
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
function scaleDowns(p: Params): [number, number][] {
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
  const dnsOf = (from: number) =>
    first(events, {
      type: "endpointslice.updated",
      from,
      where: (e) =>
        e.service === "db" &&
        Array.isArray(e.records) &&
        e.records.some((r) => r.startsWith("db-0.db.default.svc.cluster.local=")),
    });
  const before = last(events, {
    type: "endpointslice.updated",
    to: STEPS.deletePod,
    where: (e) =>
      e.service === "db" &&
      Array.isArray(e.records) &&
      e.records.some((r) => r.startsWith("db-0.db.default.svc.cluster.local=")),
  });
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
 * The web pods alive at the scale-down, with their node and readiness, and whether every deleted one
 * ranked at least as high as every kept one: not Running and Ready first, then more pods of the
 * Deployment on its node (getPodsToDelete's rank). Age and restarts only order the remaining ties.
 */
function scaleDownRanking(
  events: readonly TraceEvent[],
  pods: readonly TraceEvent[],
  downs: readonly TraceEvent[],
  from: number,
) {
  const before = (type: string, pod: string) => first(events, { type, to: from - 1, where: (e) => e.pod === pod });
  const alive = pods.filter((e) => e.t < from && (removedAt(events, String(e.pod), 0)?.t ?? Infinity) >= from);
  const placed = alive.map((e) => ({
    pod: String(e.pod),
    node: String(before("pod.scheduled", String(e.pod))?.node ?? ""),
    ready: before("pod.running", String(e.pod)) !== undefined,
  }));
  const onNode = (node: string) => placed.filter((p) => p.node === node).length;
  const doomed = new Set(downs.map((e) => String(e.pod)));
  const key = (p: (typeof placed)[number]) => (p.ready && p.node !== "" ? onNode(p.node) : Infinity);
  const kept = placed.filter((p) => !doomed.has(p.pod));
  const ok = placed.filter((p) => doomed.has(p.pod)).every((d) => kept.every((k) => key(d) >= key(k)));
  const describe = (xs: typeof placed) =>
    xs
      .map((p) => `${p.pod} on ${p.node || "no node"} (${onNode(p.node)} there${p.ready ? "" : ", not Ready"})`)
      .join(", ") || "none";
  return { ok, detail: `deleted ${describe(placed.filter((p) => doomed.has(p.pod)))}; kept ${describe(kept)}.` };
}

function deploymentClaims(p: Params, events: readonly TraceEvent[]) {
  const pods = select(events, { type: "pod.created", where: (e) => String(e.pod).startsWith("web-") });
  const re = new RegExp(`^web-(${ALPHABET}+)-${ALPHABET}{5}$`);
  const hashes = new Set(pods.filter((e) => e.t < STEPS.setImage).map((e) => re.exec(String(e.pod))?.[1] ?? "?"));
  const rs2 = first(events, { type: "replicaset.created", from: STEPS.setImage });
  const stsUpdate = select(events, {
    type: "statefulset.pod-deleted",
    from: STEPS.setImage,
    where: (e) => e.reason === "update",
  });
  const updOrds = stsUpdate.map((e) => Number(e.ordinal));
  const down = intParam(p, "scaleDownTo");
  const partition = intParam(p, "partition");
  const rev1 = pods.filter((e) => e.t < STEPS.setImage);
  const out = [
    claim(
      "deploy-hash-names",
      "Deployment pods are named web-<pod-template-hash>-<5 random " +
        "characters>: one hash for every pod of a revision, random suffixes.",
      pods.length > 0 && pods.every((e) => re.test(String(e.pod))) && hashes.size === 1,
      [rev1[0], rev1.at(-1)],
      `${pods.length} pods; hashes before the image change: ${[...hashes].join(", ")}.`,
    ),
  ];
  const windows = scaleDowns(p);
  if (windows.length > 0) {
    const rankings = windows.map(([from, to]) => {
      const downs = select(events, { type: "replicaset.pod-deleted", from, to });
      return { downs, ...scaleDownRanking(events, pods, downs, from) };
    });
    out.push(
      claim(
        "deploy-scale-down-ranked",
        "Scaling the Deployment down does not simply delete the newest pods: once they are scheduled " +
          "and Ready, the pods on the node that runs the most of them go first (counted once per sync, " +
          "so several deletions can empty that node), and age only breaks the remaining ties.",
        rankings.every((r) => r.ok && r.downs.length > 0),
        rankings.flatMap((r) => r.downs),
        rankings.map((r) => r.detail).join(" Then "),
      ),
    );
  }
  if (down > 0) {
    const command = first(events, {
      type: "kubectl.command",
      from: STEPS.deletePod,
      where: (e) => String(e.command).includes("app=web"),
    });
    const deleted = first(events, {
      type: "api.response",
      from: STEPS.deletePod,
      where: (e) => e.verb === "delete" && /pod\/web-\S+ deleted/.test(String(e.message)),
    });
    const replaced = first(events, {
      type: "pod.created",
      from: STEPS.deletePod,
      to: STEPS.setImage,
      where: (e) => String(e.pod).startsWith("web-"),
    });
    // The replacement is created as soon as the controller sees the deletion, which can be before kubectl prints its
    // answer.
    out.push(
      claim(
        "deploy-replacement-random",
        "A deleted Deployment pod is replaced by a pod with a new random name, not the old one.",
        deleted !== undefined &&
          replaced !== undefined &&
          re.test(String(replaced.pod)) &&
          !String(deleted.message).includes(String(replaced.pod)),
        [command, replaced],
        replaced
          ? `${String(deleted?.message ?? "")}; replaced by ${String(replaced.pod)} ${at(replaced)}.`
          : "no replacement.",
      ),
    );
  }
  const updated = Math.max(0, down - partition);
  out.push(
    claim(
      "image-change",
      "Changing the image gives the Deployment a new ReplicaSet (a new hash, revision 2), " +
        "while the StatefulSet replaces its pods in place from the highest ordinal " +
        `down${partition > 0 ? `, down to the partition (ordinal ${partition})` : ""}.`,
      (down === 0 || rs2 !== undefined) &&
        updOrds.every((o, i) => i === 0 || o < updOrds[i - 1]!) &&
        updOrds.length === updated,
      [rs2, ...stsUpdate],
      `new ReplicaSet: ${rs2 ? String(rs2.replicaset) : "none"}; ` +
        `StatefulSet updated ordinals ${updOrds.join(", ") || "none"}.`,
    ),
  );
  return partition > 0 && down > 0 ? [...out, partitionClaim(p, events)] : out;
}

/**
 * rollingUpdate.partition p: only ordinals >= p get the new template, highest first and one at a
 * time (each after the previous replacement is Running and Ready, even with Parallel); the ordinals
 * below p keep the revision they were created with.
 */
function partitionClaim(p: Params, events: readonly TraceEvent[]) {
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

export const deploymentVsStatefulset: ScenarioDef = {
  id: "deployment-vs-statefulset",
  title: "Deployment vs StatefulSet",
  summary:
    "Create, scale up, scale down, delete a pod and change the image of a Deployment and a StatefulSet side by side.",
  params: [
    {
      name: "replicas",
      type: "integer",
      label: "Replicas",
      description: "Initial replicas of both.",
      default: 3,
      min: 1,
      max: 6,
    },
    {
      name: "scaleUpTo",
      type: "integer",
      label: "Scale up to",
      description: "Replicas after the first kubectl scale.",
      default: 5,
      min: 1,
      max: 8,
    },
    {
      name: "scaleDownTo",
      type: "integer",
      label: "Scale down to",
      description: "Replicas after the second kubectl scale.",
      default: 2,
      min: 0,
      max: 8,
    },
    {
      name: "partition",
      type: "integer",
      label: "Update partition",
      description:
        "The StatefulSet's `updateStrategy.rollingUpdate.partition`: " +
        "the image change replaces only ordinals at or above it.",
      default: 0,
      min: 0,
      max: 8,
    },
    {
      name: "parallel",
      type: "boolean",
      label: "Parallel pod management",
      description: "On: the StatefulSet has `podManagementPolicy: Parallel`. Off: `OrderedReady`, the default.",
      default: false,
    },
  ],
  plan,
  claims: (p, events) => [...statefulClaims(p, events), ...storageClaims(p, events), ...deploymentClaims(p, events)],
};
