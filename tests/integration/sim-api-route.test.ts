// GET /api/sim/<id>: the JSON trace, 400 with a message per bad field, 404 with the valid ids, and
// the same bytes for the same (engine version, id, params, seed) in any query order; with faults=,
// the faulted run, its hash as the CLI prints it, and a faults field message for faults that do not fit.
// Integration, not sim: the route counts each run against the learner's limit in the database.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/sim/[scenario]/route";
import { faultsJson, parseTrace, runScenario, SCENARIO_IDS, type Fault } from "@/lib/sim";
import { traceHash } from "@/lib/trace-hash";

function call(path: string, scenario: string) {
  return GET(new Request(`http://localhost/api/sim/${scenario}${path}`), { params: Promise.resolve({ scenario }) });
}

describe("GET /api/sim/[scenario]", () => {
  it("returns a valid trace for the requested params and seed", async () => {
    const res = await call("?members=5&down=2&seed=7", "etcd-quorum-loss");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const trace = parseTrace(await res.json());
    expect(trace).toMatchObject({ scenario: "etcd-quorum-loss", params: { members: 5, down: 2 }, seed: 7 });
  });

  it("answers 400 with a message per bad field", async () => {
    const res = await call("?members=9&down=x&seed=abc", "etcd-quorum-loss");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: Record<string, string> };
    expect(Object.keys(body.fields).sort()).toEqual(["down", "members", "seed"]);
    expect(body.fields.members).toBe("etcd members must be between 1 and 7 (you entered 9)");
  });

  it("answers 404 listing the valid scenarios", async () => {
    const res = await call("", "etcd-quorom-loss");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'unknown scenario "etcd-quorom-loss"',
      validScenarios: [...SCENARIO_IDS],
    });
  });

  it("answers the same request the same way, byte for byte, whatever the query order", async () => {
    const a = await (await call("?outageSeconds=30&seed=2", "etcd-outage")).text();
    const b = await (await call("?seed=2&outageSeconds=30", "etcd-outage")).text();
    expect(b).toBe(a);
  });

  it("runs the faults of faults= and reports the hash the CLI prints for them", async () => {
    const faults: Fault[] = [{ atMs: 10_000, kind: "stop", target: "etcd-3" }];
    const res = await call(`?seed=3&faults=${encodeURIComponent(faultsJson(faults))}`, "etcd-outage");
    expect(res.status).toBe(200);
    const trace = parseTrace(await res.json());
    expect(trace.faults).toEqual(faults);
    const cli = runScenario("etcd-outage", {}, 3, { faults });
    expect(res.headers.get("x-sim-trace-hash")).toBe(traceHash(cli));
  });

  it("answers 400 with a faults field in the learner's words", async () => {
    const missing = encodeURIComponent(faultsJson([{ atMs: 10_000, kind: "stop", target: "etcd-4" }]));
    const res = await call(`?faults=${missing}`, "etcd-outage");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: Record<string, string> }).fields).toEqual({
      faults: "fault 1: there is no etcd-4 in this cluster; its etcd members are etcd-1, etcd-2, etcd-3",
    });
    const bad = await call("?faults=%5B%7B", "etcd-outage");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields).toEqual({
      faults: "the faults are not valid JSON",
    });
  });
});
