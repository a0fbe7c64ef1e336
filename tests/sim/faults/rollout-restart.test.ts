// kubectl rollout restart as a fault: kubectl GETs the Deployment and PATCHes the template's
// kubectl.kubernetes.io/restartedAt annotation to now (kubectl pkg/cmd/rollout/rollout_restart.go
// RunRestart; pkg/polymorphichelpers/objectrestarter.go defaultObjectRestarter). The pod-template-hash
// covers the whole template (pkg/controller/controller_utils.go ComputeHash), so the Deployment
// controller makes a new ReplicaSet and rolls every pod within maxSurge / maxUnavailable
// (pkg/controller/deployment/rolling.go rolloutRolling).
import { describe, expect, it } from "vitest";
import { applyEvent, initialView, runScenario, type Fault, type Trace, type View } from "@/lib/sim";
import { rfc3339 } from "@/lib/sim/core/clock";
import { RESTARTED_AT_ANNOTATION, restartPatch } from "@/lib/sim/cluster-components/kubectl-flows";
import type { Deployment } from "@/lib/sim/objects/apps";
import { minAvailable } from "@/lib/sim/scenarios/rolling-update";

/** rolling-update's defaults: 4 replicas, maxSurge 25% → 1, maxUnavailable 25% → 1; revision 2 is out by 47 s. */
const REPLICAS = 4;
const MAX_UNAVAILABLE = 1;
const RESTART_AT_MS = 48_000;
/** The bad release that rolling-update starts next. */
const NEXT_RELEASE_MS = 71_000;

const restart: Fault = {
  atMs: RESTART_AT_MS,
  kind: "kubectl",
  params: { command: "rollout-restart", deployment: "web" },
};
const base = runScenario("rolling-update", {}, 1);
const restarted = runScenario("rolling-update", {}, 1, { faults: [restart] });

/** The views after every event up to `toMs`, from the start of the trace. */
function viewsUntil(trace: Trace, toMs: number): { t: number; view: View }[] {
  let view = initialView(trace.topology);
  const out: { t: number; view: View }[] = [];
  for (const e of trace.events) {
    if (e.t >= toMs) break;
    view = applyEvent(view, e);
    out.push({ t: e.t, view });
  }
  return out;
}

function readyPods(view: View): string[] {
  return Object.entries(view.pods)
    .filter(([name, pod]) => name.startsWith("web-") && pod.ready && pod.phase === "Running")
    .map(([name]) => name)
    .sort();
}

describe("kubectl rollout restart (fault)", () => {
  it("GETs the Deployment, then PATCHes it, and prints deployment.apps/web restarted", () => {
    const answers = restarted.events.filter(
      (e) => e.type === "api.response" && e.command === "kubectl rollout restart deployment/web",
    );
    expect(answers.map((e) => `${String(e.verb)} ${String(e.status)}`)).toEqual(["get 200", "patch 200"]);
    expect(answers[1]!.message).toContain("→ deployment.apps/web restarted");
  });

  it("sets restartedAt to the virtual wall clock in RFC 3339, keeping the template's other annotations", () => {
    const live = { metadata: { name: "web" } } as Deployment;
    const call = restartPatch({ name: "rollout-restart", args: { name: "web" } }, live, RESTART_AT_MS);
    expect(call).toMatchObject({ verb: "patch", resource: "deployments", name: "web" });
    expect(call.body).toEqual({
      spec: { template: { annotations: { [RESTARTED_AT_ANNOTATION]: "2026-01-01T00:00:48Z" } } },
    });
  });

  it("makes a new ReplicaSet (revision 3) that replaces every pod, keeping replicas − maxUnavailable Ready", () => {
    const created = restarted.events.filter((e) => e.type === "replicaset.created" && e.t >= RESTART_AT_MS);
    expect(created[0]).toMatchObject({ deployment: "web", revision: 3 });
    const fresh = String(created[0]!.replicaset);
    const views = viewsUntil(restarted, NEXT_RELEASE_MS);
    const before = readyPods(views.filter((v) => v.t < RESTART_AT_MS).at(-1)!.view);
    const after = readyPods(views.at(-1)!.view);
    expect(before).toHaveLength(REPLICAS);
    expect(after).toHaveLength(REPLICAS);
    for (const pod of after) expect(pod.startsWith(`${fresh}-`)).toBe(true);
    for (const pod of before) expect(after).not.toContain(pod);
    // Counted as the scenario's availability-floor claim counts it (a kubelet's Ready report lands in the
    // trace a few ms after the controllers saw it).
    expect(minAvailable(restarted.events, RESTART_AT_MS, NEXT_RELEASE_MS).min).toBe(REPLICAS - MAX_UNAVAILABLE);
    const done = restarted.events.find((e) => e.type === "deployment.rollout-complete" && e.revision === 3);
    expect(done?.t).toBeLessThan(NEXT_RELEASE_MS);
  });

  it("changes nothing before the restart: the runs agree event for event until then", () => {
    const prefix = (trace: Trace) => trace.events.filter((e) => e.t < RESTART_AT_MS).map((e) => e.message);
    expect(prefix(restarted)).toEqual(prefix(base));
    expect(base.events.some((e) => e.type === "replicaset.created" && e.revision === 3 && e.t < NEXT_RELEASE_MS)).toBe(
      false,
    );
  });
});

describe("rfc3339", () => {
  it("prints the virtual clock as Go's time.RFC3339 in UTC, across months, leap days and years", () => {
    expect(rfc3339(0)).toBe("2026-01-01T00:00:00Z");
    expect(rfc3339(3_723_999)).toBe("2026-01-01T01:02:03Z");
    expect(rfc3339(59 * 86_400_000)).toBe("2026-03-01T00:00:00Z");
    expect(rfc3339(365 * 86_400_000 - 1000)).toBe("2026-12-31T23:59:59Z");
    expect(rfc3339((365 + 365 + 31 + 28) * 86_400_000)).toBe("2028-02-29T00:00:00Z");
  });
});
