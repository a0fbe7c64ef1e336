// The deployment-vs-statefulset scenario's claims about Deployment web: pod-template-hash names, the
// scale-down's ranking, random replacement names, and what the image change does to each workload
// (the StatefulSet's partition claim comes from deployment-vs-statefulset-claims.ts).
import type { Params, TraceEvent } from "../trace/types";
import { at, claim, first, select } from "./claims";
import { partitionClaim, removedAt, scaleDowns } from "./deployment-vs-statefulset-claims";
import { STEPS } from "./deployment-vs-statefulset-plan";
import { intParam } from "./types";

const ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]";

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

export function deploymentClaims(p: Params, events: readonly TraceEvent[]) {
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
