// GET /api/sim/<id>: the JSON trace, 400 with a message per bad field, 404 with the valid ids, and
// the same bytes for the same (engine version, id, params, seed) in any query order.
// Integration, not sim: the route counts each run against the learner's limit in the database.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/sim/[scenario]/route";
import { parseTrace, SCENARIO_IDS } from "@/lib/sim";

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
});
