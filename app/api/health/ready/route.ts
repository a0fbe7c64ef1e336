import { readiness } from "@/lib/ops/readiness";

// Readiness for a load balancer: 200 when this instance can serve (database reachable, every
// migration applied, not shutting down), else 503 with the reason.
export const dynamic = "force-dynamic";

export async function GET() {
  const state = await readiness();
  return Response.json(state.ready ? { status: "ready" } : { status: "unready", reason: state.reason }, {
    status: state.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
