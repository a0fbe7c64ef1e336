// The CLI's contract: `list` shows every scenario, `run` prints a timeline or JSON and exits 0 when
// the claims hold, and bad input exits 2 naming what is valid.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseRunArgs } from "@/scripts/sim/args";
import { runListCommand } from "@/scripts/sim/list";
import { runRunCommand } from "@/scripts/sim/run";
import { parseTrace, SCENARIO_IDS } from "@/lib/sim";
import { captureConsole } from "@/tests/helpers/capture-console";

afterEach(() => vi.restoreAllMocks());

describe("npm run sim", () => {
  it("parses --name value, --name=value, --seed and --json", () => {
    expect(parseRunArgs(["node-failure", "--workers", "4", "--replicas=6", "--seed", "9", "--json"])).toEqual({
      id: "node-failure",
      params: { workers: "4", replicas: "6" },
      seed: "9",
      faults: undefined,
      json: true,
      hash: false,
      errors: [],
    });
    expect(parseRunArgs(["x", "--workers"]).errors).toEqual(["--workers needs a value"]);
  });

  it("lists every scenario with its parameters", async () => {
    const io = captureConsole();
    expect(await runListCommand()).toBe(0);
    for (const id of SCENARIO_IDS) expect(io.out()).toContain(id);
    expect(io.out()).toContain("--down <0..min(7, members)>");
  });

  it("prints the timeline and the claims, exit 0", async () => {
    const io = captureConsole();
    expect(await runRunCommand(["etcd-quorum-loss", "--members", "3", "--down", "1"])).toBe(0);
    expect(io.out()).toContain("became leader for term 2");
    expect(io.out()).toMatch(/claims: (\d+) of \1 hold/);
  });

  it("prints the JSON trace with --json", async () => {
    const io = captureConsole();
    expect(await runRunCommand(["node-failure", "--tolerationSeconds", "0", "--json", "--seed", "4"])).toBe(0);
    expect(parseTrace(JSON.parse(io.out()))).toMatchObject({
      scenario: "node-failure",
      seed: 4,
      params: { tolerationSeconds: 0 },
    });
  });

  it("exits 2 and lists the valid ids for an unknown scenario", async () => {
    const io = captureConsole();
    expect(await runRunCommand(["etcd-quorum"])).toBe(2);
    expect(io.err()).toContain(`valid: ${SCENARIO_IDS.join(", ")}`);
  });

  it("exits 2 and shows the valid ranges for a bad parameter or seed", async () => {
    const io = captureConsole();
    expect(await runRunCommand(["etcd-outage", "--outageSeconds", "5", "--seed", "-3"])).toBe(2);
    expect(io.err()).toContain("--outageSeconds: Outage length must be between 10 and 600 s (you entered 5)");
    expect(io.err()).toContain("--seed must be a non-negative integer");
    expect(io.err()).toContain("--outageSeconds <10..600>");
  });
});

describe("npm run sim -- generate", () => {
  it("prints a question with its answer and the replay command, or JSON", async () => {
    const { runGenerateCommand } = await import("@/scripts/sim/generate");
    let io = captureConsole();
    expect(await runGenerateCommand(["etcd-writes", "--seed", "3"])).toBe(0);
    expect(io.out()).toContain("answer: ");
    expect(io.out()).toMatch(/replay: npm run sim -- run etcd-quorum-loss --members \d --down \d --seed 3/);
    vi.restoreAllMocks();
    io = captureConsole();
    expect(await runGenerateCommand(["pod-names", "--seed", "2", "--json"])).toBe(0);
    expect(JSON.parse(io.out()).kind).toBe("pod-names");
  });

  it("exits 2 naming the valid kinds for an unknown kind or a bad seed", async () => {
    const { runGenerateCommand } = await import("@/scripts/sim/generate");
    const io = captureConsole();
    expect(await runGenerateCommand(["pod-colours"])).toBe(2);
    expect(await runGenerateCommand(["etcd-writes", "--seed", "x"])).toBe(2);
    expect(io.err()).toContain("etcd-writes, pod-placement, pod-names, replacement-time");
    expect(io.err()).toContain("--seed must be a non-negative integer");
  });
});
