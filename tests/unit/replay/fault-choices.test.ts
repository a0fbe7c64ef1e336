import { describe, expect, it } from "vitest";
import { describeFault, faultChoices, type FaultTarget } from "@/lib/replay/fault-choices";
import { hrefWithFaults } from "@/lib/replay/fault-url";
import { checkFaults, faultSchema, runScenario, viewAtTime, type Fault, type Trace } from "@/lib/sim";

const outage = runScenario("etcd-outage", {}, 1);
const drain = runScenario("node-drain", {}, 1);

/** Every component a learner can click in the diagram of `trace`. */
function targetsOf(trace: Trace): FaultTarget[] {
  const procs = trace.topology.processes.map((p) => ({ id: p.id, kind: p.kind, host: p.host }));
  const hosts = trace.topology.hosts.map((h) => ({ id: h.id, kind: "host", host: h.id }));
  return [...procs, ...hosts];
}

const ids = (trace: Trace, target: FaultTarget, t: number) =>
  faultChoices(target, trace.topology, viewAtTime(trace, t), t).map((choice) => choice.id);

describe("faultChoices", () => {
  it("offers only faults the engine's schema and checkFaults accept, for every component at 10 s", () => {
    for (const trace of [outage, drain]) {
      const faults = targetsOf(trace).flatMap((target) =>
        faultChoices(target, trace.topology, viewAtTime(trace, 10_000), 10_000).flatMap((choice) =>
          "fault" in choice ? [choice.fault] : [],
        ),
      );
      expect(faults.length).toBeGreaterThan(20);
      for (const fault of faults) expect(faultSchema.safeParse(fault).success, JSON.stringify(fault)).toBe(true);
      expect(checkFaults(trace, faults)).toEqual({ ok: true });
    }
  });

  it("offers stop, crash and restart for a running etcd member, and its machine's faults", () => {
    const member = { id: "etcd-2", kind: "etcd", host: "etcd-2" };
    expect(ids(outage, member, 10_000)).toEqual([
      "stop",
      "crash",
      "restart",
      "power-off",
      "partition",
      "partition-set",
      "link",
    ]);
  });

  it("offers only to start again a member the scenario stopped (all etcd is down from 20 s)", () => {
    const member = { id: "etcd-1", kind: "etcd", host: "etcd-1" };
    expect(ids(outage, member, 30_000)[0]).toBe("restart");
    expect(ids(outage, member, 30_000)).not.toContain("stop");
    const [restart] = faultChoices(member, outage.topology, viewAtTime(outage, 30_000), 30_000);
    expect(restart?.label).toBe("Start etcd-1 again");
  });

  it("offers a process on a machine with no power only its machine's faults, power on first", () => {
    const failure = runScenario("node-failure", {}, 1); // node-1 loses power at 30 s
    const kubelet = { id: "kubelet/node-1", kind: "kubelet", host: "node-1" };
    expect(ids(failure, kubelet, 20_000).slice(0, 4)).toEqual(["stop", "crash", "restart", "power-off"]);
    expect(ids(failure, kubelet, 40_000)[0]).toBe("power-on");
    expect(ids(failure, kubelet, 40_000)).not.toContain("restart");
  });

  it("offers no machine faults for a process that shares its machine (the API server on cp-1)", () => {
    expect(ids(outage, { id: "kube-apiserver-1", kind: "kube-apiserver", host: "cp-1" }, 10_000)).toEqual([
      "stop",
      "crash",
      "restart",
    ]);
  });

  it("offers cordon and drain for a node and deletes only the pods on it", () => {
    const node = { id: "node-1", kind: "host", host: "node-1" };
    const view = viewAtTime(drain, 10_000);
    const onNode = Object.entries(view.pods).filter(([, pod]) => pod.node === "node-1" && pod.phase !== "Terminating");
    const choices = ids(drain, node, 10_000);
    expect(choices).toEqual(expect.arrayContaining(["cordon", "drain"]));
    expect(choices.filter((id) => id.startsWith("delete-pod:"))).toEqual(
      onNode.map(([name]) => `delete-pod:${name}`).sort(),
    );
  });

  it("offers the admin's kubectl a scale form and a rollout restart per Deployment, and a delete per pod", () => {
    const choices = ids(drain, { id: "kubectl", kind: "kubectl", host: "laptop" }, 10_000);
    expect(choices).toContain("scale:web");
    expect(choices).toContain("rollout-restart:web");
    expect(choices.some((id) => id.startsWith("delete-pod:web-"))).toBe(true);
  });
});

describe("describeFault", () => {
  it("words each kind as a learner reads it", () => {
    const faults: Fault[] = [
      { atMs: 1, kind: "crash", target: "etcd-2" },
      { atMs: 1, kind: "partition", groups: [["etcd-1", "etcd-2"]] },
      { atMs: 1, kind: "link", targets: ["cp-1", "etcd-3"], params: { delayMs: 200, dropPer1000: 150 } },
      { atMs: 1, kind: "kubectl", params: { command: "scale", deployment: "web", replicas: 5 } },
      { atMs: 1, kind: "kubectl", params: { command: "rollout-restart", deployment: "web" } },
      { atMs: 1, kind: "restart", target: "kube-scheduler-1", params: { downMs: 5000 } },
    ];
    expect(faults.map(describeFault)).toEqual([
      "crash etcd-2",
      "partition {etcd-1, etcd-2} from the rest",
      "link cp-1–etcd-3: +200 ms, 15% lost",
      "kubectl scale deployment web --replicas=5",
      "kubectl rollout restart deployment/web",
      "restart kube-scheduler-1 after 5 s down",
    ]);
  });
});

describe("hrefWithFaults", () => {
  const stop: Fault = { atMs: 9000, kind: "stop", target: "etcd-3" };
  const heal: Fault = { atMs: 4000, kind: "heal" };

  it("keeps the params and other keys, puts the faults in time order and the playhead at t", () => {
    const href = hrefWithFaults("http://x/sim/etcd-outage?members=5&seed=7&from=card&t=1", [stop, heal], 9000.4);
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/sim/etcd-outage");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      members: "5",
      seed: "7",
      from: "card",
      t: "9000",
      faults: JSON.stringify([heal, stop]),
    });
  });

  it("drops the faults key when the last fault is removed", () => {
    const href = hrefWithFaults(`http://x/sim/etcd-outage?faults=${encodeURIComponent("[]")}&members=3`, [], 0);
    expect(href).toBe("/sim/etcd-outage?members=3&t=0");
  });
});
