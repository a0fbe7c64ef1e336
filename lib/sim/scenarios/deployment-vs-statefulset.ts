// Scenario: a Deployment `web` and a StatefulSet `db` (with its headless Service and a
// volumeClaimTemplate) side by side: create `replicas`, scale up, scale down, delete one pod of
// each, change the image. Names, order, storage and DNS identity differ in every step (k8s-facts §6).
import { DEFAULT_TUNING } from "../cluster/defaults";
import type { Params, TraceEvent } from "../trace/types";
import { claim, first, select } from "./claims";
import { applyAt, container, deploymentOf, kubectlAt, podSpec, serviceOf, statefulSetOf, template } from "./manifests";
import { intParam, type Plan, type ScenarioDef } from "./types";

export const STEPS = { create: 3000, scaleUp: 25_000, scaleDown: 42_000, deletePod: 58_000, setImage: 70_000, end: 100_000 };
const ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]";

function plan(p: Params): Plan {
  const n = intParam(p, "replicas");
  const policy = intParam(p, "parallel") === 1 ? "Parallel" : "OrderedReady";
  const web = deploymentOf("web", n, template({ app: "web" }, podSpec([container("web", "nginx:1.27")])));
  const db = statefulSetOf("db", n, template({ app: "db" }, podSpec([container("db", "nginx:1.27")])), policy, ["www"]);
  const scale = (at: number, replicas: number) => [kubectlAt(at, "scale", { kind: "deployment", name: "web", replicas }), kubectlAt(at, "scale", { kind: "statefulset", name: "db", replicas })];
  return {
    cluster: { etcdMembers: 1, etcdTopology: "stacked", controlPlanes: 1, workers: 2, zones: 1, webTraffic: false, tuning: DEFAULT_TUNING },
    script: [
      applyAt(STEPS.create, serviceOf("db", { app: "db" }, "None"), "db-service.yaml", "headless Service db (clusterIP: None)"),
      applyAt(STEPS.create, db, "db-statefulset.yaml", `StatefulSet db, ${n} replicas, ${policy}, volumeClaimTemplate www`),
      applyAt(STEPS.create, web, "web-deployment.yaml", `Deployment web, ${n} replicas`),
      ...scale(STEPS.scaleUp, intParam(p, "scaleUpTo")),
      ...scale(STEPS.scaleDown, intParam(p, "scaleDownTo")),
      kubectlAt(STEPS.deletePod, "delete-first", { label: "app=web" }),
      kubectlAt(STEPS.deletePod, "delete-first", { label: "app=db" }),
      kubectlAt(STEPS.setImage, "set-image", { kind: "deployment", name: "web", container: "web", image: "nginx:1.28" }),
      kubectlAt(STEPS.setImage, "set-image", { kind: "statefulset", name: "db", container: "db", image: "nginx:1.28" }),
      kubectlAt(STEPS.end - 1000, "get", { resource: "persistentvolumeclaims" }),
    ],
    durationMs: STEPS.end,
    marks: STEPS,
  };
}

/** When etcd committed the removal of `pod` (the second delete: the first only marks it Terminating). */
export function removedAt(events: readonly TraceEvent[], pod: string, from: number): TraceEvent | undefined {
  const deletes = select(events, { type: "raft.committed", from, where: (e) => String(e.message).includes(`: delete pods default/${pod}.`) });
  return deletes[1];
}

const created = (events: readonly TraceEvent[], from: number, to: number) => select(events, { type: "statefulset.pod-created", from, to });

function statefulClaims(p: Params, events: readonly TraceEvent[]) {
  const n = intParam(p, "replicas");
  const ordered = intParam(p, "parallel") === 0;
  const first3 = created(events, STEPS.create, STEPS.scaleUp);
  const names = first3.map((e) => String(e.pod));
  // The controller sees a pod Ready through its watch before the kubelet traces its own status
  // response, so "after the previous pod was ready" is checked against the container start.
  const started = (pod: string) => first(events, { type: "pod.container-started", where: (e) => e.pod === pod });
  const sequential = first3.every((e, i) => i === 0 || (started(names[i - 1]!)?.seq ?? Infinity) < e.seq);
  const down = select(events, { type: "statefulset.pod-deleted", from: STEPS.scaleDown, to: STEPS.deletePod, where: (e) => e.reason === "scale-down" });
  const ords = down.map((e) => Number(e.ordinal));
  const gone = (pod: string) => removedAt(events, pod, STEPS.scaleDown);
  const waits = !ordered || down.every((e, i) => i === 0 || (gone(String(down[i - 1]!.pod))?.seq ?? Infinity) < e.seq);
  return [
    claim("sts-ordinals", `StatefulSet pods are named db-0 … db-${n - 1}${ordered ? ", each created only after the previous one is Running and Ready (OrderedReady)" : ", all at once (Parallel)"}.`, names.join(",") === Array.from({ length: n }, (_, i) => `db-${i}`).join(",") && (!ordered || sequential), first3, names.join(", ")),
    claim("sts-scale-down-reverse", `Scaling down removes the highest ordinals first${ordered ? ", each only after its successor is gone" : ""}.`, ords.every((o, i) => i === 0 || o < ords[i - 1]!) && waits, down, `deleted ordinals in order: ${ords.join(", ") || "none"}.`),
  ];
}

function storageClaims(p: Params, events: readonly TraceEvent[]) {
  const pvcs = select(events, { type: "pvc.created" });
  const max = Math.max(intParam(p, "replicas"), intParam(p, "scaleUpTo"), intParam(p, "scaleDownTo"));
  const get = first(events, { type: "api.response", from: STEPS.end - 1000, where: (e) => String(e.command).includes("get persistentvolumeclaims") });
  const listed = String(get?.message ?? "");
  const deleted = first(events, { type: "db-1", from: STEPS.deletePod });
  const back = first(events, { type: "statefulset.pod-created", from: STEPS.deletePod, to: STEPS.setImage, where: (e) => e.pod === "db-0" });
  const dns = select(events, { type: "endpointslice.updated", where: (e) => e.service === "db" && Array.isArray(e.records) && e.records.some((r) => r.startsWith("db-0.db.default.svc.cluster.local=")) });
  return [
    claim("pvc-per-pod", `Each StatefulSet pod gets its own PVC www-db-<ordinal> (${max} in all), and scaling down deletes none of them.`, pvcs.length === max && Array.from({ length: max }, (_, i) => `www-db-${i}`).every((n) => listed.includes(n)), [...pvcs, get], listed || "no kubectl get persistentvolumeclaims."),
    claim("sts-same-identity", "A deleted StatefulSet pod comes back with the same name, the same PVC and the same DNS name db-0.db.default.svc.cluster.local (its IP may change).", intParam(p, "scaleDownTo") === 0 || (back !== undefined && dns.length >= 2), [back, dns[0], dns.at(-1), deleted], back ? String(back.message) : intParam(p, "scaleDownTo") === 0 ? "no pod was left to delete." : "db-0 was not re-created."),
  ];
}

/**
 * The web pods alive at the scale-down, with their node and readiness, and whether every deleted one
 * ranked at least as high as every kept one: not Running and Ready first, then more pods of the
 * Deployment on its node (getPodsToDelete's rank). Age and restarts only order the remaining ties.
 */
function scaleDownRanking(events: readonly TraceEvent[], pods: readonly TraceEvent[], downs: readonly TraceEvent[]) {
  const before = (type: string, pod: string) => first(events, { type, to: STEPS.scaleDown - 1, where: (e) => e.pod === pod });
  const alive = pods.filter((e) => e.t < STEPS.scaleDown && (removedAt(events, String(e.pod), 0)?.t ?? Infinity) >= STEPS.scaleDown);
  const placed = alive.map((e) => ({ pod: String(e.pod), node: String(before("pod.scheduled", String(e.pod))?.node ?? ""), ready: before("pod.running", String(e.pod)) !== undefined }));
  const onNode = (node: string) => placed.filter((p) => p.node === node).length;
  const doomed = new Set(downs.map((e) => String(e.pod)));
  const key = (p: (typeof placed)[number]) => (p.ready && p.node !== "" ? onNode(p.node) : Infinity);
  const kept = placed.filter((p) => !doomed.has(p.pod));
  const ok = placed.filter((p) => doomed.has(p.pod)).every((d) => kept.every((k) => key(d) >= key(k)));
  const describe = (xs: typeof placed) => xs.map((p) => `${p.pod} on ${p.node || "no node"} (${onNode(p.node)} there${p.ready ? "" : ", not Ready"})`).join(", ") || "none";
  return { ok, detail: `deleted ${describe(placed.filter((p) => doomed.has(p.pod)))}; kept ${describe(kept)}.` };
}

function deploymentClaims(p: Params, events: readonly TraceEvent[]) {
  const pods = select(events, { type: "pod.created", where: (e) => String(e.pod).startsWith("web-") });
  const re = new RegExp(`^web-(${ALPHABET}+)-${ALPHABET}{5}$`);
  const hashes = new Set(pods.filter((e) => e.t < STEPS.setImage).map((e) => re.exec(String(e.pod))?.[1] ?? "?"));
  const downs = select(events, { type: "replicaset.pod-deleted", from: STEPS.scaleDown, to: STEPS.deletePod });
  const ranking = scaleDownRanking(events, pods, downs);
  const replaced = first(events, { type: "pod.created", from: STEPS.deletePod, to: STEPS.setImage, where: (e) => String(e.pod).startsWith("web-") });
  const rs2 = first(events, { type: "replicaset.created", from: STEPS.setImage });
  const stsUpdate = select(events, { type: "statefulset.pod-deleted", from: STEPS.setImage, where: (e) => e.reason === "update" });
  const updOrds = stsUpdate.map((e) => Number(e.ordinal));
  const down = intParam(p, "scaleDownTo");
  return [
    claim("deploy-hash-names", "Deployment pods are named web-<pod-template-hash>-<5 random characters>: one hash for every pod of a revision, random suffixes.", pods.length > 0 && pods.every((e) => re.test(String(e.pod))) && hashes.size === 1, pods.slice(0, 3), `${pods.length} pods; hashes before the image change: ${[...hashes].join(", ")}.`),
    claim(
      "deploy-scale-down-ranked",
      "Scaling the Deployment down does not simply delete the newest pods: once they are scheduled and Ready, the pods on the node that runs the most of them go first (counted once per sync, so several deletions can empty that node), and age only breaks the remaining ties.",
      ranking.ok,
      downs,
      ranking.detail,
    ),
    claim("deploy-replacement-random", "A deleted Deployment pod is replaced by a pod with a new random name, not the old one.", down === 0 || (replaced !== undefined && re.test(String(replaced.pod))), [replaced], replaced ? String(replaced.pod) : "no replacement (nothing to delete)."),
    claim("image-change", "Changing the image gives the Deployment a new ReplicaSet (a new hash, revision 2), while the StatefulSet replaces its pods in place from the highest ordinal down.", (down === 0 || rs2 !== undefined) && updOrds.every((o, i) => i === 0 || o < updOrds[i - 1]!) && updOrds.length === down, [rs2, ...stsUpdate], `new ReplicaSet: ${rs2 ? String(rs2.replicaset) : "none"}; StatefulSet updated ordinals ${updOrds.join(", ") || "none"}.`),
  ];
}

export const deploymentVsStatefulset: ScenarioDef = {
  id: "deployment-vs-statefulset",
  title: "Deployment vs StatefulSet",
  summary: "Create, scale up, scale down, delete a pod and change the image of a Deployment and a StatefulSet side by side.",
  params: [
    { name: "replicas", type: "integer", label: "Replicas", description: "Initial replicas of both.", default: 3, min: 1, max: 6 },
    { name: "scaleUpTo", type: "integer", label: "Scale up to", description: "Replicas after the first kubectl scale.", default: 5, min: 1, max: 8 },
    { name: "scaleDownTo", type: "integer", label: "Scale down to", description: "Replicas after the second kubectl scale.", default: 2, min: 0, max: 8 },
    { name: "parallel", type: "integer", label: "Parallel pod management", description: "1 = podManagementPolicy Parallel, 0 = OrderedReady (the default).", default: 0, min: 0, max: 1 },
  ],
  plan,
  claims: (p, events) => [...statefulClaims(p, events), ...storageClaims(p, events), ...deploymentClaims(p, events)],
};
