// Operations: health endpoints for a load balancer, a request id on every response and in the
// JSON access log, and a graceful shutdown that finishes the requests in flight (scripts/next-server.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest, type IncomingMessage } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { authSecret } from "@/lib/env-defaults";
import { freePort } from "@/scripts/free-port";
import { e2eDataDir } from "../../playwright.config";

test("liveness and readiness answer 200 without a guest cookie, and never from a cache", async ({ request }) => {
  for (const [url, status] of [
    ["/api/health/live", "live"],
    ["/api/health/ready", "ready"],
  ] as const) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(await response.json()).toEqual({ status });
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(response.headers()["set-cookie"], "a health check is not a visitor").toBeUndefined();
  }
});

test("every response carries a request id: a load balancer's plain id is kept, anything else replaced", async ({
  request,
}) => {
  const fresh = (await request.get("/api/health/live")).headers()["x-request-id"];
  expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
  const kept = await request.get("/api/health/live", { headers: { "X-Request-Id": "haproxy-0a1b2c3d" } });
  expect(kept.headers()["x-request-id"]).toBe("haproxy-0a1b2c3d");
  const hostile = await request.get("/api/health/live", { headers: { "X-Request-Id": 'x","level":60,"msg":"forged' } });
  expect(hostile.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

/** A second server process on the e2e build and database, so this test can stop it. */
class OwnServer {
  readonly lines: Record<string, unknown>[] = [];
  private readonly waiters: {
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(readonly port: number) {
    this.child = spawn(process.execPath, ["--import", "tsx", "scripts/next-server.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        QUORUM_DATA_DIR: e2eDataDir,
        DATABASE_URL: `file:${path.join(e2eDataDir, "quorum.db")}`,
        NEXTAUTH_SECRET: authSecret(e2eDataDir),
        NEXTAUTH_URL: `http://localhost:${port}`,
        QUORUM_LOG_LEVEL: "debug",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let rest = "";
    this.child.stdout!.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop()!;
      for (const text of parts) this.take(text);
    });
    // "close", not "exit": every line the process wrote has been read by then.
    this.exited = new Promise((resolve) => this.child.on("close", (code) => resolve(code)));
  }

  private take(text: string) {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return; // Next's own start-up lines are not ours
    }
    this.lines.push(line);
    for (const waiter of this.waiters.filter((w) => w.match(line))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }

  /** The first log line (already written or still to come) that matches. */
  logLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const seen = this.lines.find(match);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  signal(name: NodeJS.Signals) {
    this.child.kill(name);
  }

  stop() {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

test("SIGTERM: no new connections, the request in flight finishes, its line is logged, exit 0", async () => {
  test.setTimeout(120_000);
  const server = new OwnServer(await freePort());
  try {
    await server.logLine((line) => typeof line.msg === "string" && line.msg.includes("server ready on port"));

    // A request whose body is still on its way is in flight until the body ends.
    const body = JSON.stringify({ pod: "not: [valid" });
    const inFlight = httpRequest({
      host: "127.0.0.1",
      port: server.port,
      path: "/api/schedule?token=secret",
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(body),
        "X-Request-Id": "drain-test-0001",
      },
    });
    const answered = new Promise<IncomingMessage>((resolve, reject) =>
      inFlight.on("response", resolve).on("error", reject),
    );
    inFlight.write(body.slice(0, 5));
    await server.logLine((line) => line.msg === "request started" && line.reqId === "drain-test-0001");

    server.signal("SIGTERM");
    const draining = await server.logLine((line) => typeof line.msg === "string" && line.msg.startsWith("draining"));
    expect(draining).toMatchObject({ signal: "SIGTERM", inFlight: 1 });

    const refused = await new Promise<string>((resolve) =>
      httpRequest({ host: "127.0.0.1", port: server.port, path: "/api/health/live" })
        .on("response", (r) => resolve(`answered ${r.statusCode}`))
        .on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
        .end(),
    );
    // Refused once the listening socket is gone; reset if the kernel queued it just before.
    expect(["ECONNREFUSED", "ECONNRESET"], "a new connection is not served").toContain(refused);

    inFlight.end(body.slice(5));
    const response = await answered;
    response.resume();
    expect(response.statusCode).toBeGreaterThanOrEqual(200);
    expect(response.headers["x-request-id"]).toBe("drain-test-0001");
    expect(await server.exited).toBe(0);

    const access = server.lines.find((line) => line.reqId === "drain-test-0001" && line.msg === "request");
    expect(access).toMatchObject({ method: "POST", path: "/api/schedule", status: response.statusCode });
    expect(JSON.stringify(access), "the query string can hold a secret").not.toContain("secret");
    expect(server.lines.some((line) => line.msg === "drained: every request finished; exiting")).toBe(true);
  } finally {
    server.stop();
  }
});
