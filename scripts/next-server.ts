// The HTTP server `npm start` runs: Next's own request handler (a Next "custom server") behind a
// few lines that
// - pass the TCP peer's address on in a header the client cannot set (route handlers in the App
//   Router see only headers, and `next start` writes the peer into X-Forwarded-For only when the
//   client sent none, so sign-in throttling could not tell a forged header from the truth:
//   lib/auth/client-address.ts);
// - give each request an id and write one JSON access-log line when it ends (lib/ops);
// - on SIGTERM or SIGINT, stop accepting connections, report unready, let the requests in flight
//   finish within QUORUM_SHUTDOWN_GRACE_MS, then exit.
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import next from "next";
import { remoteAddressHeader } from "@/lib/auth/client-address";
import { shutdownGraceMs } from "@/lib/env-defaults";
import { isDraining, startDraining } from "@/lib/ops/draining";
import { log } from "@/lib/ops/log";
import { requestIdFrom, requestIdHeader } from "@/lib/ops/request-id";

const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? "3000");
const graceMs = shutdownGraceMs();
const app = next({ dev: isDev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

let inFlight = 0;
const server = createServer((request, response) => {
  const started = performance.now();
  const id = requestIdFrom(request.headers[requestIdHeader]);
  request.headers[requestIdHeader] = id;
  response.setHeader("X-Request-Id", id);
  delete request.headers[remoteAddressHeader];
  if (request.socket.remoteAddress) request.headers[remoteAddressHeader] = request.socket.remoteAddress;
  if (isDraining()) response.setHeader("Connection", "close");
  const path = (request.url ?? "").split("?")[0]; // never the query: it can hold a reset token
  inFlight++;
  log.debug({ reqId: id, method: request.method, path }, "request started");
  response.on("close", () => {
    inFlight--;
    log.info(
      {
        reqId: id,
        method: request.method,
        path,
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
        aborted: !response.writableFinished || undefined,
      },
      "request",
    );
  });
  void handle(request, response);
});
server.listen(port, () =>
  log.info({ port, mode: isDev ? "development" : "production" }, `quorum: server ready on port ${port}`),
);

function shutDown(signal: NodeJS.Signals) {
  if (isDraining()) return;
  startDraining();
  log.info({ signal, inFlight, graceMs }, "draining: no new connections; finishing requests in flight");
  server.close(() => {
    log.info("drained: every request finished; exiting");
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    log.warn({ inFlight }, "grace period over: exiting with requests still in flight");
    process.exit(1);
  }, graceMs).unref();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => shutDown(signal));
