// GET /api/sim/<id> – runs a simulation scenario (?<param>=<value>&seed=N) and returns its JSON trace
// for the replay player and for downloads. 404 lists the valid scenario ids; 400 carries a message per
// bad field. Traces are deterministic, so results are cached by (engine version, id, params, seed)
// in a bounded in-memory LRU.
import { NextResponse } from "next/server";
import { z } from "zod";
import { ENGINE_VERSION, findScenario, parseParams, runScenario, SCENARIO_IDS } from "@/lib/sim";

const CACHE_MAX = 64;
const cache = new Map<string, string>();

/** Least-recently-used: a hit moves the entry to the back, inserts evict from the front. */
function cached(key: string, compute: () => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = compute();
  cache.set(key, value);
  while (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return value;
}

const seedSchema = z.coerce.number({ error: "seed must be a number" }).int("seed must be an integer").min(0, "seed must be at least 0").max(2 ** 31 - 1, "seed must be below 2^31");

export async function GET(request: Request, ctx: { params: Promise<{ scenario: string }> }) {
  const { scenario } = await ctx.params;
  const def = findScenario(scenario);
  if (def === undefined) {
    return NextResponse.json({ error: `unknown scenario "${scenario}"`, validScenarios: SCENARIO_IDS }, { status: 404 });
  }
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { seed: rawSeed = "1", ...raw } = query;
  const seed = seedSchema.safeParse(rawSeed);
  const parsed = parseParams(def, raw);
  const fields = { ...(parsed.ok ? {} : parsed.errors), ...(seed.success ? {} : { seed: seed.error.issues[0]?.message ?? "invalid seed" }) };
  if (!parsed.ok || !seed.success) {
    return NextResponse.json({ error: "invalid parameters", fields, params: def.params }, { status: 400 });
  }
  const params = Object.fromEntries(Object.entries(parsed.params).sort(([a], [b]) => (a < b ? -1 : 1)));
  const key = `${ENGINE_VERSION}|${def.id}|${JSON.stringify(params)}|${seed.data}`;
  const body = cached(key, () => JSON.stringify(runScenario(def.id, params, seed.data)));
  return new NextResponse(body, { headers: { "content-type": "application/json; charset=utf-8", "x-sim-engine-version": ENGINE_VERSION } });
}
