import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_SCHEDULED, EXIT_UNSCHEDULABLE, runScheduleCommand } from "@/scripts/sim/schedule";

const examples = "examples/scheduling";
const base = ["--nodes", `${examples}/nodes.yaml`, "--pods", `${examples}/pods.yaml`];

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runScheduleCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "quorum-schedule-"));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("npm run sim -- schedule", () => {
  it("explains the example: node-c wins on spreading, affinity and balance", async () => {
    const { code, out } = await run([...base, "--pod", `${examples}/pod.yaml`]);
    expect(code).toBe(EXIT_SCHEDULED);
    expect(out).toContain("Result: node-c");
    expect(out).toContain("node(s) had untolerated taint {nvidia.com/gpu: true}");
    expect(out).toContain("node(s) were unschedulable");
  });

  it("prints the stable JSON with --json", async () => {
    const { code, out } = await run([...base, "--pod", `${examples}/pod.yaml`, "--json"]);
    expect(code).toBe(EXIT_SCHEDULED);
    const json = JSON.parse(out) as {
      selectedNode: string;
      nodes: {
        name: string;
        filters: { plugin: string; code: string }[];
        scores: { plugin: string; raw: number; normalized: number; weighted: number }[];
        total: number | null;
      }[];
    };
    expect(json.selectedNode).toBe("node-c");
    expect(json.nodes.map((n) => n.name)).toEqual(["node-a", "node-b", "node-c", "node-gpu", "node-old"]);
    const nodeC = json.nodes.find((n) => n.name === "node-c");
    expect(nodeC?.scores.find((s) => s.plugin === "PodTopologySpread")).toEqual({
      plugin: "PodTopologySpread",
      raw: 6,
      normalized: 100,
      weighted: 200,
    });
    expect(nodeC?.total).toBe(nodeC?.scores.reduce((sum, s) => sum + s.weighted, 0));
    expect(json.nodes.find((n) => n.name === "node-gpu")?.total).toBeNull();
  });

  it("moves the choice with the bin-packing config example", async () => {
    const { out } = await run([
      ...base,
      "--pod",
      `${examples}/pod.yaml`,
      "--config",
      `${examples}/config.yaml`,
      "--json",
    ]);
    const json = JSON.parse(out) as { nodes: { name: string; scores: { plugin: string; weighted: number }[] }[] };
    const fit = json.nodes.find((n) => n.name === "node-c")?.scores.find((s) => s.plugin === "NodeResourcesFit");
    expect(fit?.weighted).toBe(335);
  });

  it("exits 1 with the aggregated message when the pod cannot be placed", async () => {
    const pod = tempFile(
      "big.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  " +
        "containers: [{name: c, resources: {requests: {cpu: '64'}}}]\n",
    );
    const { code, out } = await run(["--nodes", `${examples}/nodes.yaml`, "--pod", pod]);
    expect(code).toBe(EXIT_UNSCHEDULABLE);
    // The histogram sorts "<count> <reason>" as strings, so "1 …" entries come before "3 …".
    expect(out).toContain(
      "0/5 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: " +
        "true}, 1 node(s) were unschedulable, 3 Insufficient cpu. preemption: 0/5 " +
        "nodes are available: 5 Preemption is not helpful for scheduling.",
    );
  });

  it("exits 2 naming the file, document and field of bad input", async () => {
    const pod = tempFile(
      "bad.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  " +
        "containers: [{name: c, resources: {requests: {cpu: 1x}}}]\n",
    );
    const { code, err } = await run(["--nodes", `${examples}/nodes.yaml`, "--pod", pod]);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(err).toContain(
      'bad.yaml: document 1 (Pod "bad"): spec.containers[0].resources.requests.cpu: invalid quantity "1x"',
    );
  });

  it("exits 2 on missing options and unreadable files", async () => {
    expect((await run(["--pod", "x"])).code).toBe(EXIT_BAD_INPUT);
    expect((await run(["--nodes", "missing.yaml", "--pod", "missing.yaml"])).err).toContain("cannot read input");
    expect((await run(["--bogus"])).code).toBe(EXIT_BAD_INPUT);
  });
});
