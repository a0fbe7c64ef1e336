// The fault list's schema: the trust boundary for a URL's faults= and the CLI's --faults.
import { describe, expect, it } from "vitest";
import { FAULT_HORIZON_MS, FAULTS_MAX, faultListSchema, parseFaultsJson, type Fault } from "@/lib/sim";

const everyKind: Fault[] = [
  { atMs: 1000, kind: "stop", target: "etcd-1" },
  { atMs: 1000, kind: "crash", target: "kube-apiserver-1" },
  { atMs: 1000, kind: "restart", target: "kube-scheduler-1", params: { downMs: 5000 } },
  { atMs: 1000, kind: "power-off", target: "node-1" },
  { atMs: 2000, kind: "power-on", target: "node-1" },
  { atMs: 1000, kind: "partition", groups: [["etcd-1"], ["etcd-2", "etcd-3"]] },
  { atMs: 3000, kind: "heal" },
  { atMs: 1000, kind: "link", targets: ["etcd-1", "etcd-2"], params: { delayMs: 200, dropPer1000: 50 } },
  { atMs: 1000, kind: "kubectl", params: { command: "scale", deployment: "web", replicas: 4 } },
  { atMs: 1000, kind: "kubectl", params: { command: "rollout-restart", deployment: "web" } },
  { atMs: 1000, kind: "kubectl", params: { command: "delete-pod", pod: "web-c4997d886-xp8t5" } },
  { atMs: 1000, kind: "kubectl", params: { command: "cordon", node: "node-2" } },
  { atMs: 1000, kind: "kubectl", params: { command: "drain", node: "node-2" } },
];

function messages(json: unknown): string[] {
  const parsed = parseFaultsJson(JSON.stringify(json));
  return parsed.ok ? [] : parsed.errors.map((e) => `${e.index}: ${e.message}`);
}

describe("faultListSchema", () => {
  it("accepts a fault of every kind and gives the list back unchanged", () => {
    expect(faultListSchema.parse(everyKind)).toEqual(everyKind);
    expect(parseFaultsJson(JSON.stringify(everyKind))).toEqual({ ok: true, faults: everyKind });
  });

  it(`refuses ${FAULTS_MAX + 1} faults`, () => {
    const many = Array.from({ length: FAULTS_MAX + 1 }, (_, i) => ({ atMs: i, kind: "heal" }));
    expect(messages(many)).toEqual([`-1: at most ${FAULTS_MAX} faults in one run`]);
    expect(messages(many.slice(1))).toEqual([]);
  });

  it("refuses a time before the start, past the horizon or between milliseconds", () => {
    expect(messages([{ atMs: -1, kind: "heal" }])).toEqual([
      "0: atMs: the time cannot be before the run starts (0 ms)",
    ]);
    expect(messages([{ atMs: FAULT_HORIZON_MS, kind: "heal" }])[0]).toMatch(/^0: atMs: the time must be within/);
    expect(messages([{ atMs: FAULT_HORIZON_MS - 1, kind: "heal" }])).toEqual([]);
    expect(messages([{ atMs: 1.5, kind: "heal" }])).toEqual([
      "0: atMs: the time must be a whole number of milliseconds",
    ]);
  });

  it("refuses an unknown kind or kubectl command, naming the valid ones", () => {
    expect(
      messages([
        { atMs: 0, kind: "heal" },
        { atMs: 0, kind: "reboot", target: "etcd-1" },
      ]),
    ).toEqual([
      "1: kind: a fault's kind is one of stop, crash, restart, power-off, power-on, partition, heal, link or kubectl",
    ]);
    expect(
      messages([{ atMs: 0, kind: "kubectl", params: { command: "rollout-pause", deployment: "web" } }])[0],
    ).toMatch(/command is one of scale, rollout-restart, delete-pod, cordon, uncordon or drain/);
    expect(messages([{ atMs: 0, kind: "kubectl", params: { command: "rollout-restart" } }])).toEqual([
      "0: params.deployment: Invalid input: expected string, received undefined",
    ]);
  });

  it("refuses fields a kind does not have, bad ids and out-of-range parameters", () => {
    expect(messages([{ atMs: 0, kind: "heal", target: "etcd-1" }])).toHaveLength(1);
    expect(messages([{ atMs: 0, kind: "stop", target: "" }])).toEqual([
      "0: target: not a component id (e.g. etcd-1, kubelet/node-1, cp-1)",
    ]);
    expect(
      messages([{ atMs: 0, kind: "link", targets: ["a", "b"], params: { delayMs: 0, dropPer1000: 1001 } }]),
    ).toEqual(["0: params.dropPer1000: at most 1000 of 1000 messages can be lost"]);
  });

  it("says when the text is not JSON", () => {
    expect(parseFaultsJson("[{atMs: 1}")).toEqual({
      ok: false,
      errors: [{ index: -1, message: "the faults are not valid JSON" }],
    });
  });
});
