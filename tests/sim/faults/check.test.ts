// checkFaults: every fault is held against the cluster of the run it is added to, with a message in
// the learner's words that names what the cluster does have.
import { describe, expect, it } from "vitest";
import { checkFaults, runScenario, ScenarioInputError, type Fault } from "@/lib/sim";

const etcdOutage = runScenario("etcd-outage", {}, 1);

function problems(faults: Fault[]): string[] {
  const check = checkFaults(etcdOutage, faults);
  return check.ok ? [] : check.errors.map((e) => `${e.index}: ${e.message}`);
}

describe("checkFaults", () => {
  it("accepts faults on the cluster's own components, machines and nodes", () => {
    expect(
      problems([
        { atMs: 10_000, kind: "stop", target: "etcd-2" },
        { atMs: 10_000, kind: "restart", target: "kubelet/node-1" },
        { atMs: 11_000, kind: "power-off", target: "node-2" },
        { atMs: 12_000, kind: "partition", groups: [["etcd-1"]] },
        { atMs: 13_000, kind: "link", targets: ["etcd-1", "cp-1"], params: { delayMs: 100, dropPer1000: 0 } },
        { atMs: 14_000, kind: "kubectl", params: { command: "drain", node: "node-1" } },
      ]),
    ).toEqual([]);
  });

  it("names the members when a member does not exist", () => {
    expect(problems([{ atMs: 10_000, kind: "restart", target: "etcd-4" }])).toEqual([
      "0: there is no etcd-4 in this cluster; its etcd members are etcd-1, etcd-2, etcd-3",
    ]);
    expect(problems([{ atMs: 10_000, kind: "stop", target: "kube-apiserver-2" }])).toEqual([
      "0: there is no kube-apiserver-2 in this cluster; its API servers are kube-apiserver-1",
    ]);
  });

  it("keeps faults off the tools and traffic around the cluster", () => {
    expect(problems([{ atMs: 10_000, kind: "stop", target: "kubectl" }])).toEqual([
      "0: kubectl (kubectl) stands outside the cluster, so it is not something a fault can hit",
    ]);
    expect(problems([{ atMs: 10_000, kind: "power-off", target: "laptop" }])[0]).toMatch(
      /^0: laptop stands outside the cluster \(it runs only clients\); the cluster's machines are cp-1, etcd-1/,
    );
  });

  it("names the machines and nodes when one does not exist", () => {
    expect(problems([{ atMs: 10_000, kind: "power-off", target: "node-3" }])).toEqual([
      "0: there is no machine node-3 in this cluster; its machines are cp-1, etcd-1, etcd-2, etcd-3, node-1, node-2",
    ]);
    expect(problems([{ atMs: 10_000, kind: "kubectl", params: { command: "cordon", node: "etcd-1" } }])).toEqual([
      "0: there is no node etcd-1 in this cluster; its nodes are cp-1, node-1, node-2",
    ]);
  });

  it("refuses partitions that cut nothing off and links from a machine to itself", () => {
    const all = ["cp-1", "etcd-1", "etcd-2", "etcd-3", "node-1", "node-2"];
    expect(problems([{ atMs: 1, kind: "partition", groups: [all] }])[0]).toMatch(/nothing is cut off/);
    expect(problems([{ atMs: 1, kind: "partition", groups: [["etcd-1"], ["etcd-1", "etcd-2"]] }])).toEqual([
      "0: etcd-1 is in two groups; a machine is on one side of a partition",
    ]);
    const loop: Fault = { atMs: 1, kind: "link", targets: ["cp-1", "cp-1"], params: { delayMs: 5, dropPer1000: 0 } };
    expect(problems([loop])).toEqual(["0: a link joins two different machines"]);
  });

  it("refuses a fault at or after the end of the run, and reports every bad fault by position", () => {
    expect(etcdOutage.durationMs).toBe(230_000);
    expect(
      problems([
        { atMs: 229_999, kind: "heal" },
        { atMs: 230_000, kind: "heal" },
        { atMs: 5000, kind: "crash", target: "etcd-9" },
      ]),
    ).toEqual([
      "1: at 230 s the run is over: it lasts 230 s",
      "2: there is no etcd-9 in this cluster; its etcd members are etcd-1, etcd-2, etcd-3",
    ]);
  });

  it("refuses kubectl scale or rollout restart of a Deployment not in the run (yet), naming those it has", () => {
    const rolling = runScenario("rolling-update", {}, 1);
    const restart = (atMs: number, deployment: string): Fault => ({
      atMs,
      kind: "kubectl",
      params: { command: "rollout-restart", deployment },
    });
    const check = (faults: Fault[]) => {
      const result = checkFaults(rolling, faults);
      return result.ok ? [] : result.errors.map((e) => `${e.index}: ${e.message}`);
    };
    expect(check([restart(48_000, "web")])).toEqual([]);
    expect(
      check([
        restart(48_000, "api"),
        { atMs: 48_000, kind: "kubectl", params: { command: "scale", deployment: "nginx", replicas: 2 } },
        restart(1000, "web"),
      ]),
    ).toEqual([
      "0: there is no Deployment api in this run; its Deployments are web",
      "1: there is no Deployment nginx in this run; its Deployments are web",
      "2: at 1 s there is no Deployment web yet; it appears at 4.308 s",
    ]);
    const jobs = checkFaults(runScenario("jobs", {}, 1), [restart(10_000, "web")]);
    expect(jobs.ok ? [] : jobs.errors.map((e) => e.message)).toEqual([
      "there is no Deployment web in this run; it has no Deployments",
    ]);
  });

  it("leaves a Deployment's existence to kubectl before a run (no trace yet): it answers NotFound", () => {
    const trace = runScenario("rolling-update", {}, 1, {
      faults: [{ atMs: 48_000, kind: "kubectl", params: { command: "rollout-restart", deployment: "api" } }],
    });
    const answer = trace.events.find(
      (e) => e.type === "api.response" && e.command === "kubectl rollout restart deployment/api",
    );
    expect(answer).toMatchObject({ verb: "get", status: 404 });
    expect(answer?.message).toContain('Error from server (NotFound): deployments.apps "api" not found');
  });

  it("is what runScenario applies: bad faults are a ScenarioInputError with a field per fault", () => {
    const run = () => runScenario("etcd-outage", {}, 1, { faults: [{ atMs: 1, kind: "stop", target: "etcd-4" }] });
    expect(run).toThrow(ScenarioInputError);
    expect(run).toThrow(/fault 1: there is no etcd-4/);
    try {
      run();
    } catch (err) {
      expect((err as ScenarioInputError).kind).toBe("bad-faults");
      expect((err as ScenarioInputError).errors).toEqual({
        "faults.0": "there is no etcd-4 in this cluster; its etcd members are etcd-1, etcd-2, etcd-3",
      });
    }
  });
});
