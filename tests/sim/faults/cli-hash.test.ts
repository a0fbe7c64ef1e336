// The CLI reproduces a shared fault-lab run: `npm run sim -- run <id> --faults '<json>' --hash`
// prints the hash the app computes for the same run, which the app makes in its pool worker
// (lib/pool/heavy-tasks.ts) after the base run, resuming from the base run's prefix.
import { afterEach, describe, expect, it, vi } from "vitest";
import { runRunCommand } from "@/scripts/sim/run";
import runHeavyTask from "@/lib/pool/heavy-tasks";
import { faultsJson, type Fault, type Trace } from "@/lib/sim";
import { traceHash } from "@/lib/trace-hash";
import { captureConsole } from "@/tests/helpers/capture-console";

afterEach(() => vi.restoreAllMocks());

describe("npm run sim -- run --faults --hash", () => {
  it("prints the hash of the run the app's worker makes, after the base run, from the shared prefix", async () => {
    const faults: Fault[] = [{ atMs: 30_000, kind: "stop", target: "etcd-2" }];
    const params = { members: 3, outageSeconds: 120 };
    const task = { kind: "run-scenario", scenarioId: "etcd-outage", params, seed: 2 } as const;
    const base = (await runHeavyTask({ ...task, faults: [] })) as Trace;
    const app = (await runHeavyTask({ ...task, faults })) as Trace;
    expect(app.faults).toEqual(faults);
    expect(traceHash(app)).not.toBe(traceHash(base));
    const io = captureConsole();
    const code = await runRunCommand(["etcd-outage", "--seed", "2", "--faults", faultsJson(faults), "--hash"]);
    expect(io.out()).toBe(traceHash(app));
    expect(io.out()).toMatch(/^[0-9a-f]{64}$/);
    expect(code).toBe(0);
  });

  it("prints the plain run's hash without faults, so a URL without faults reproduces too", async () => {
    const io = captureConsole();
    await runRunCommand(["etcd-outage", "--hash"]);
    const app = (await runHeavyTask({ kind: "run-scenario", scenarioId: "etcd-outage", params: {}, seed: 1 })) as Trace;
    expect(io.out()).toBe(traceHash(app));
  });

  it("exits 2 with the learner's message for a fault the cluster cannot take", async () => {
    const io = captureConsole();
    const faults = faultsJson([{ atMs: 30_000, kind: "stop", target: "etcd-4" }]);
    expect(await runRunCommand(["etcd-outage", "--faults", faults, "--hash"])).toBe(2);
    expect(io.err()).toContain(
      "fault 1: there is no etcd-4 in this cluster; its etcd members are etcd-1, etcd-2, etcd-3",
    );
    expect(io.out()).toBe("");
  });

  it("exits 2 when --faults is not a fault list", async () => {
    const io = captureConsole();
    expect(await runRunCommand(["etcd-outage", "--faults", '[{"atMs": 5, "kind": "explode"}]'])).toBe(2);
    expect(io.err()).toContain("--faults: fault 1: kind: a fault's kind is one of stop, crash, restart");
  });
});
