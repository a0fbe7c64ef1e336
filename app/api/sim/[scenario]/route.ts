// GET /api/sim/<id> – runs a simulation scenario (?<param>=<value>&seed=N, and faults=<JSON> to add
// faults) and returns its JSON trace for downloads and other machine clients, with the hash
// `npm run sim -- run --hash` prints in x-sim-trace-hash. 404 lists the valid scenario ids; 400 carries
// a message per bad field (`faults` included). Results are cached (lib/data/simulations.ts); a miss
// runs in the worker pool, and a full pool or the learner's rate limit answers 429 with Retry-After.
import { NextResponse } from "next/server";
import { clock } from "@/lib/clock";
import { runSimulation } from "@/lib/data/simulations";
import { refusalResponse } from "@/lib/pool/heavy-job";
import { rateKeyOf } from "@/lib/pool/request-learner";
import { ENGINE_VERSION } from "@/lib/sim";

export async function GET(request: Request, ctx: { params: Promise<{ scenario: string }> }) {
  const { scenario } = await ctx.params;
  const run = await runSimulation(scenario, Object.fromEntries(new URL(request.url).searchParams), {
    learnerId: await rateKeyOf(request),
    now: clock.now(),
  });
  if (!run.ok && run.status === 404) {
    return NextResponse.json(
      { error: `unknown scenario "${scenario}"`, validScenarios: run.scenarios.map((s) => s.id) },
      { status: 404 },
    );
  }
  if (!run.ok && run.status !== 400) return refusalResponse(run);
  if (!run.ok)
    return NextResponse.json(
      { error: "invalid parameters", fields: run.fields, params: run.scenario.params },
      { status: 400 },
    );
  return NextResponse.json(run.trace, {
    headers: { "x-sim-engine-version": ENGINE_VERSION, "x-sim-trace-hash": run.hash },
  });
}
