// Liveness: the process is up and its event loop answers. It touches nothing else, so a slow
// database never gets a healthy instance restarted; readiness (../ready) covers the database.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } });
}
