// The trace contract: schema validation when read back, claims with real evidence, replay views
// that fold to the same state from any checkpoint, and the scenario registry and parameters the
// UI and the API depend on.
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  buildCheckpoints,
  CHECKPOINT_EVERY,
  defaultParams,
  findScenario,
  initialView,
  listScenarios,
  parseParams,
  parseTrace,
  runScenario,
  SCENARIO_IDS,
  ScenarioInputError,
  viewAt,
  viewAtTime,
  type Trace,
} from "@/lib/sim";
import { deepFreeze } from "../helpers/deep-freeze";

const traces = new Map<string, Trace>(SCENARIO_IDS.map((id) => [id, runScenario(id, {}, 3)]));

describe("trace format", () => {
  it.each(SCENARIO_IDS)("%s: validates after a JSON round trip and carries the fixed fields", (id) => {
    const trace = traces.get(id)!;
    const parsed = parseTrace(JSON.parse(JSON.stringify(trace)));
    expect(parsed.scenario).toBe(id);
    expect(parsed.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
    for (const e of parsed.events) {
      expect(typeof e.message).toBe("string");
      expect(e.message.length).toBeGreaterThan(10);
    }
    expect(parsed.events.at(-1)!.t).toBeLessThanOrEqual(parsed.durationMs);
  });

  it("rejects a trace whose events are out of order or whose evidence points nowhere", () => {
    const trace = JSON.parse(JSON.stringify(traces.get("etcd-quorum-loss")!)) as Trace;
    const swapped = { ...trace, events: [trace.events[1]!, trace.events[0]!, ...trace.events.slice(2)] };
    expect(() => parseTrace(swapped)).toThrow(/seq/);
    const badClaim = { ...trace, claims: [{ ...trace.claims[0]!, evidence: [999_999] }] };
    expect(() => parseTrace(badClaim)).toThrow(/evidence/);
    expect(() => parseTrace({ ...trace, events: [{ t: 0, seq: 0, component: "x", type: "y" }] })).toThrow();
  });

  it("uses the stable event names with their fields", () => {
    const events = traces.get("etcd-quorum-loss")!.events;
    const leader = events.find((e) => e.type === "raft.became-leader")!;
    expect(leader).toMatchObject({ component: expect.stringMatching(/^etcd-\d$/), term: expect.any(Number) });
    expect(events.find((e) => e.type === "raft.committed")).toMatchObject({
      index: expect.any(Number),
      term: expect.any(Number),
    });
    const failed = events.find(
      (e) => e.type === "api.response" && e.status !== 200 && e.status !== 201 && e.status !== 404,
    )!;
    expect(failed).toMatchObject({
      verb: expect.any(String),
      resource: expect.any(String),
      status: expect.any(Number),
      error: expect.any(String),
    });
    expect(events.some((e) => e.type === "process.crashed")).toBe(true);
    expect(traces.get("etcd-outage")!.events.some((e) => e.type === "process.restarted")).toBe(true);
  });

  it("points every claim's evidence at real events", () => {
    for (const trace of traces.values()) {
      expect(trace.claims.length).toBeGreaterThanOrEqual(4);
      for (const c of trace.claims) {
        expect(c.passed, `${trace.scenario}/${c.id}: ${c.detail}`).toBe(true);
        for (const seq of c.evidence) expect(trace.events[seq]?.seq).toBe(seq);
      }
    }
  });
});

describe("replay", () => {
  const trace = traces.get("node-failure")!;

  const checkpoints = buildCheckpoints(trace.topology, trace.events);

  it("builds a checkpoint every CHECKPOINT_EVERY events, equal to folding the events", () => {
    expect(trace.events.length).toBeGreaterThan(CHECKPOINT_EVERY);
    expect(checkpoints).toHaveLength(Math.floor(trace.events.length / CHECKPOINT_EVERY));
    let v = initialView(trace.topology);
    for (const e of trace.events) {
      v = applyEvent(v, e);
      const cp = checkpoints.find((c) => c.seq === e.seq);
      if (cp !== undefined) expect(cp.view).toEqual(v);
    }
  });

  it("does not carry the checkpoints in the trace: they are derived from its events", () => {
    expect(Object.keys(trace)).not.toContain("checkpoints");
  });

  it("seeks to any event from the nearest checkpoint with the same result as a full fold", () => {
    for (const seq of [-1, 0, 57, 99, 100, 150, trace.events.length - 1]) {
      let v = initialView(trace.topology);
      for (const e of trace.events.slice(0, seq + 1)) v = applyEvent(v, e);
      expect(viewAt({ ...trace, checkpoints }, seq)).toEqual(v);
      expect(viewAt(trace, seq)).toEqual(v);
    }
  });

  it.each(SCENARIO_IDS)("%s: folds every event without writing into the view it is given, at any depth", (id) => {
    const scenarioTrace = traces.get(id)!;
    // Each view is deep-frozen before the next event folds into it: a write anywhere in it throws.
    const end = scenarioTrace.events.reduce(
      (view, e) => applyEvent(deepFreeze(view), e),
      initialView(scenarioTrace.topology),
    );
    expect(end).toEqual(viewAt(scenarioTrace, scenarioTrace.events.length - 1));
  });

  it("would catch a fold that writes into a nested part of the view", () => {
    const view = deepFreeze(initialView(trace.topology));
    const [host] = Object.keys(view.hosts);
    expect(() => {
      (view.hosts[host!] as { up: boolean }).up = false;
    }).toThrow(TypeError);
  });

  it("shows the dead node, its taint, and the evicted pod terminating at the end", () => {
    const end = viewAtTime(trace, trace.durationMs);
    const off = trace.events.find((e) => e.type === "host.powered-off")!.component;
    expect(end.hosts[off]!.up).toBe(false);
    expect(end.nodes[off]).toMatchObject({
      ready: "Unknown",
      taints: expect.arrayContaining(["node.kubernetes.io/unreachable:NoExecute"]),
    });
    const pods = Object.values(end.pods);
    expect(pods.filter((p) => p.phase === "Running" && p.ready)).toHaveLength(3);
    expect(pods.filter((p) => p.phase === "Terminating" && p.node === off)).toHaveLength(1);
    expect(Object.values(end.procs).filter((p) => p.kind === "kube-controller-manager" && p.leading)).toHaveLength(1);
  });

  it("shows no etcd leader after quorum loss and the survivor campaigning", () => {
    const t = traces.get("etcd-quorum-loss")!;
    const v = viewAtTime(t, 60_000);
    const etcd = Object.entries(v.procs).filter(([, p]) => p.kind === "etcd");
    expect(etcd.filter(([, p]) => p.role === "leader")).toEqual([]);
    expect(etcd.filter(([, p]) => p.up).map(([, p]) => p.role)).toEqual(["pre-candidate"]);
  });
});

describe("scenario registry and parameters", () => {
  it("lists every scenario with one-line summaries and bounded parameters", () => {
    const list = listScenarios();
    expect(list.map((s) => s.id)).toEqual([
      "etcd-quorum-loss",
      "etcd-outage",
      "control-plane-ha",
      "node-failure",
      "kubectl-create-deployment",
      "deployment-vs-statefulset",
      "rolling-update",
      "scheduling",
      "kube-proxy-modes",
      "node-drain",
      "etcd-backup-restore",
      "jobs",
      "hpa",
      "network-policy-dns",
      "cluster-autoscaler",
      "operator",
      "admission-policies",
      "kubeadm-upgrade",
    ]);
    for (const s of list) {
      expect(s.summary).not.toContain("\n");
      for (const p of s.params) {
        if (p.type === "integer") expect(p.min <= p.default && p.default <= p.max, `${s.id}.${p.name}`).toBe(true);
        if (p.type === "enum")
          expect(
            p.options.map((o) => o.value),
            `${s.id}.${p.name}`,
          ).toContain(p.default);
        if (p.type === "boolean") expect(typeof p.default, `${s.id}.${p.name}`).toBe("boolean");
        // appliesWhen names a switch or a select of the same scenario (the form follows those live)
        // that does not itself depend on another, with values that param can take.
        for (const [name, values] of Object.entries(p.appliesWhen ?? {})) {
          const on = s.params.find((q) => q.name === name);
          expect(on?.type === "boolean" || on?.type === "enum", `${s.id}.${p.name} applies when ${name}`).toBe(true);
          expect(on?.appliesWhen, `${s.id}.${name} decides what applies, so it always applies`).toBeUndefined();
          for (const v of values)
            expect(
              on?.type === "enum" ? on.options.some((o) => o.value === v) : typeof v === "boolean",
              `${s.id}.${p.name}: ${name}=${String(v)}`,
            ).toBe(true);
        }
      }
    }
  });

  it("parses strings, applies defaults and reports a message per bad field", () => {
    const def = findScenario("etcd-quorum-loss")!;
    expect(parseParams(def, { members: "5" })).toEqual({ ok: true, params: { members: 5, down: 2 } });
    expect(parseParams(def, { members: "8", down: "x", dwon: "1" })).toEqual({
      ok: false,
      errors: {
        members: "etcd members must be between 1 and 7 (you entered 8)",
        down: 'Members down must be a whole number between 0 and 7 (you entered "x")',
        dwon: 'Unknown parameter "dwon": this scenario takes members (etcd members), down (Members down)',
      },
    });
    expect(parseParams(def, { members: 3, down: 4 })).toMatchObject({
      ok: false,
      errors: { down: "Members down can be at most etcd members (3)" },
    });
    expect(defaultParams(def)).toEqual({ members: 3, down: 2 });
  });

  it("throws ScenarioInputError for unknown scenarios, bad parameters and bad seeds", () => {
    expect(() => runScenario("nope", {}, 1)).toThrow(ScenarioInputError);
    expect(() => runScenario("node-failure", { workers: 1 }, 1)).toThrow(/Workers must be between 2 and 10/);
    expect(() => runScenario("node-failure", {}, -1)).toThrow(/seed/);
  });
});
