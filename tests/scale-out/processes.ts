// The processes of the scale-out test: app instances (scripts/next-server.ts, as `npm run serve`
// starts them) and HAProxy on deploy/haproxy.cfg, each on a free loopback port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { buildIfChanged } from "@/scripts/build-if-changed";
import { ensureDebianPackage } from "@/scripts/debian-package";
import { freePort } from "@/scripts/free-port";

export type Instance = { name: string; port: number; child: ChildProcess; exited: Promise<number | null> };

/** Starts one app instance and resolves once it reports ready, as the load balancer will ask it. */
async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/next-server.ts"], {
    env: { ...env, PORT: String(port), NODE_ENV: "production", QUORUM_TRUSTED_PROXIES: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  await Promise.race([
    until(
      async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200,
      `instance ${name} to report ready`,
      60_000,
    ),
    exited.then((code) => Promise.reject(new Error(`instance ${name} exited (${code}) before it served`))),
  ]);
  return { name, port, child, exited };
}

/** HAProxy in the foreground on the committed config, balancing over the instances. */
async function startHaproxy(instances: Instance[]): Promise<{ url: string; child: ChildProcess }> {
  ensureDebianPackage("haproxy", () => spawnSync("haproxy", ["-v"]).status === 0, "for the scale-out test");
  const port = await freePort();
  const env = { ...process.env, QUORUM_LB_BIND: `127.0.0.1:${port}` } as NodeJS.ProcessEnv;
  instances.forEach((instance, i) => (env[`QUORUM_APP${i + 1}`] = `127.0.0.1:${instance.port}`));
  const child = spawn("haproxy", ["-db", "-f", "deploy/haproxy.cfg"], { env, stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => (await fetch(`${url}/api/health/ready`)).status === 200,
    "HAProxy to serve the app's readiness",
    15_000,
  );
  return { url, child };
}

/** Polls a condition (never a fixed wait standing in for it) until it holds or the deadline passes. */
export async function until(condition: () => Promise<boolean>, what: string, deadlineMs: number): Promise<void> {
  const end = performance.now() + deadlineMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (performance.now() > end) throw new Error(`gave up waiting for ${what} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type Deployment = { url: string; instances: Instance[]; stop(): void };

/**
 * The README's "Deploying" steps on loopback: migrate and seed the database `env.DATABASE_URL`
 * names, build if the sources changed, start two instances and HAProxy in front of them.
 */
export async function startDeployment(env: NodeJS.ProcessEnv): Promise<Deployment> {
  for (const script of ["db:migrate", "db:seed"]) {
    const result = spawnSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`npm run ${script} failed`);
  }
  buildIfChanged(env);
  const instances: Instance[] = [];
  let haproxy: ChildProcess | undefined;
  const stop = () => {
    haproxy?.kill("SIGTERM");
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
  };
  try {
    instances.push(await startInstance("app1", env), await startInstance("app2", env));
    const lb = await startHaproxy(instances);
    haproxy = lb.child;
    return { url: lb.url, instances, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
