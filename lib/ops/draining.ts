// Whether this server process has been asked to stop (SIGTERM) and is finishing its requests in
// flight. The custom server (scripts/next-server.ts) sets it; the readiness route reads it, so a
// load balancer stops sending work here. The two sides are different module instances (Next
// bundles the route), so the flag lives on globalThis under a registered symbol.
const key = Symbol.for("quorum.draining");
const store = globalThis as { [key]?: boolean };

export function startDraining(): void {
  store[key] = true;
}

export function isDraining(): boolean {
  return store[key] === true;
}
