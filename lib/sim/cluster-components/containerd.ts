// The node's container runtime (containerd behind CRI). It owns the running pods: they keep
// running, and keep answering application traffic, whatever happens to the kubelet or the control
// plane. Starting a pod is staged as SyncPod does it (kuberuntime_manager.go): RunPodSandbox (the
// pause container; the CNI plugin assigns the IP), then per container PullImage as the pull policy
// says, CreateContainer and StartContainer. Pulled images stay on the node's disk across reboots.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import type {
  ContainerSpec,
  ContainerStop,
  PodCpuStats,
  RuntimeContainer,
  RuntimePod,
  RuntimeStage,
  StopStep,
} from "./containerd-protocol";
import { copyRecord, emptyRecord, withEntry } from "../core/records";
import { listImages } from "./container-images";

/**
 * How long each stage of starting a pod takes, drawn uniformly from [min, max]: RunPodSandbox incl. CNI ADD; a full
 * image pull; a registry round trip for an image already present (pull policy Always); CreateContainer +
 * StartContainer.
 */
export type ContainerdTiming = {
  sandboxMs: [Ms, Ms];
  imagePullMs: [Ms, Ms];
  imageDigestCheckMs: [Ms, Ms];
  containerStartMs: [Ms, Ms];
};

export type ContainerdConfig = {
  kubelet: ProcId;
  timing: ContainerdTiming;
  /** Images already on the node when it first boots. */
  preloadedImages: string[];
  /** Images whose program exits with code 1 shortly after starting (a simulated bad release). */
  crashingImages: string[];
};

/** How long a crashing image's program runs before it exits (it fails while loading its config). */
const CRASH_AFTER_MS = 2000;

/**
 * How long a program takes to exit after SIGTERM when its AppBehavior does not say: a server closing its listener and
 * finishing in-flight requests.
 */
const DEFAULT_SHUTDOWN_MS = 1000;

type Held = { pod: RuntimePod; specs: ContainerSpec[] };
/** CPU drawn by the app in the pod at `ip`: `milli` since `since`, on top of `usedMilliMs` accrued before. */
type CpuMeter = { milli: number; since: Ms; usedMilliMs: number };
export type ContainerdState = {
  pods: Readonly<Record<string, RuntimePod>>;
  specs: Readonly<Record<string, ContainerSpec[]>>;
  images: Readonly<Record<string, true>>;
  /** By pod IP; only present once a load generator sent app-load (the HPA scenario). */
  cpu?: Readonly<Record<string, CpuMeter>>;
  /** How many times each image with a failFirst program has started on this node (absent until one does). */
  runs?: Readonly<Record<string, number>>;
  /**
   * Pods whose graceful stop is under way, by uid, with how each container will exit (absent until one is stopped with
   * a plan).
   */
  stopping?: Readonly<Record<string, ContainerStop[]>>;
};
type ContainerdTimer =
  | { t: "sandbox"; uid: string }
  | { t: "pulled"; uid: string; container: string; cached: boolean; ms: Ms; incarnation: number }
  | { t: "started"; uid: string; container: string; incarnation: number }
  | { t: "exit"; uid: string; container: string; incarnation: number; code: number }
  | { t: "stopped"; uid: string };

function draw(ctx: Ctx, r: [Ms, Ms]): Ms {
  return ctx.rng.range(r[0], r[1]);
}

function held(s: ContainerdState, uid: string): Held | null {
  const pod = s.pods[uid];
  return pod === undefined ? null : { pod, specs: s.specs[uid] ?? [] };
}

function summarize(containers: RuntimeContainer[]): RuntimePod["state"] {
  return containers.every((c) => c.state === "running") ? "running" : "waiting";
}

function put(
  s: ContainerdState,
  pod: RuntimePod,
  cfg: ContainerdConfig,
  ctx: Ctx,
  stage: RuntimeStage,
): ContainerdState {
  const next = pod.state === "starting" || pod.state === "stopped" ? pod : { ...pod, state: summarize(pod.containers) };
  ctx.send(cfg.kubelet, { p: "cri", kind: "cri-event", pod: next, stage });
  return { ...s, pods: withEntry(s.pods, pod.uid, next) };
}

function setContainer(pod: RuntimePod, name: string, patch: Partial<RuntimeContainer>): RuntimePod {
  return { ...pod, containers: pod.containers.map((c) => (c.name === name ? { ...c, ...patch } : c)) };
}

/**
 * PullImage as the policy says: Never fails without the image, IfNotPresent skips a present one, Always asks the
 * registry.
 */
function pull(s: ContainerdState, h: Held, spec: ContainerSpec, cfg: ContainerdConfig, ctx: Ctx): ContainerdState {
  const present = s.images[spec.image] === true;
  const c = h.pod.containers.find((x) => x.name === spec.name)!;
  if (spec.pullPolicy === "Never" && !present) {
    return put(s, h.pod, cfg, ctx, {
      kind: "pull-failed",
      container: spec.name,
      image: spec.image,
      reason: `ErrImageNeverPull: container image "${spec.image}" is not present with pull policy of Never`,
    });
  }
  if (spec.pullPolicy !== "Always" && present) {
    ctx.after(0, {
      t: "pulled",
      uid: h.pod.uid,
      container: spec.name,
      cached: true,
      ms: 0,
      incarnation: c.incarnation,
    });
    return s;
  }
  const ms = draw(ctx, present ? cfg.timing.imageDigestCheckMs : cfg.timing.imagePullMs);
  ctx.after(ms, { t: "pulled", uid: h.pod.uid, container: spec.name, cached: present, ms, incarnation: c.incarnation });
  return s;
}

function onRequest(
  s: ContainerdState,
  body: Extract<Envelope["body"], { p: "cri"; kind: "cri-request" }>,
  env: Envelope,
  ctx: Ctx,
  cfg: ContainerdConfig,
): ContainerdState {
  switch (body.op) {
    case "run-pod": {
      if (s.pods[body.uid] !== undefined) return s;
      ctx.after(draw(ctx, cfg.timing.sandboxMs), { t: "sandbox", uid: body.uid });
      const containers = body.containers.map((c) => ({
        name: c.name,
        state: "waiting" as const,
        startedAt: null,
        exitCode: null,
        incarnation: 0,
      }));
      const pod: RuntimePod = {
        uid: body.uid,
        name: body.name,
        namespace: body.namespace,
        ip: body.ip,
        state: "starting",
        containers,
      };
      return { ...s, pods: withEntry(s.pods, body.uid, pod), specs: withEntry(s.specs, body.uid, body.containers) };
    }
    case "stop-pod": {
      const h = held(s, body.uid);
      if (h === null || s.stopping?.[body.uid] !== undefined) return s;
      if (body.plan === undefined) return removePod(s, h.pod, undefined, cfg, ctx);
      const exits = containerStops(h, body.plan);
      const doneMs = Math.max(0, ...exits.map((e) => e.afterMs));
      if (doneMs === 0) return removePod(s, h.pod, exits, cfg, ctx);
      // The containers keep running, and answering, until they exit.
      ctx.after(doneMs, { t: "stopped", uid: body.uid });
      return { ...s, stopping: withEntry(s.stopping ?? emptyRecord(), body.uid, exits) };
    }
    case "start-container": {
      const h = held(s, body.uid);
      const spec = h?.specs.find((c) => c.name === body.container);
      if (h === null || spec === undefined || h.pod.state === "starting") return s;
      return pull(s, h, spec, cfg, ctx);
    }
    case "kill-container": {
      const h = held(s, body.uid);
      const c = h?.pod.containers.find((x) => x.name === body.container);
      if (h === null || c === undefined || c.state !== "running") return s;
      const pod = setContainer(h.pod, c.name, { state: "exited", exitCode: 137, incarnation: c.incarnation + 1 });
      return put(s, pod, cfg, ctx, { kind: "exited", container: c.name, exitCode: 137, reason: body.reason });
    }
    case "list":
      ctx.send(env.from, {
        p: "cri",
        kind: "cri-response",
        id: body.id,
        pods: Object.values(s.pods).sort((a, b) => (a.uid < b.uid ? -1 : 1)),
      });
      return s;
    case "list-images":
      ctx.send(env.from, { p: "cri", kind: "cri-images", id: body.id, images: listImages(Object.keys(s.images)) });
      return s;
    case "stats":
      ctx.send(env.from, {
        p: "cri",
        kind: "cri-stats",
        id: body.id,
        replyTo: body.replyTo,
        stats: podStats(s, ctx.now),
      });
      return s;
  }
}

/**
 * StopContainer with a timeout, for each container: after its preStop time the program gets
 * SIGTERM and exits after its shutdownMs, or is killed (SIGKILL, exit 137) when the timeout runs out
 * first. A container that is not running has nothing to stop.
 */
function containerStops(h: Held, plan: readonly StopStep[]): ContainerStop[] {
  return h.pod.containers.map((c): ContainerStop => {
    const step = plan.find((x) => x.container === c.name);
    if (step === undefined || c.state !== "running") return { container: c.name, exitCode: null, afterMs: 0 };
    const shutdownMs = h.specs.find((x) => x.name === c.name)?.app.shutdownMs ?? DEFAULT_SHUTDOWN_MS;
    const killed = shutdownMs > step.timeoutMs;
    return {
      container: c.name,
      exitCode: killed ? 137 : 0,
      afterMs: step.preStopMs + Math.min(shutdownMs, step.timeoutMs),
    };
  });
}

/** StopPodSandbox and RemovePodSandbox: the pod is gone from the runtime, and the kubelet hears it stopped. */
function removePod(
  s: ContainerdState,
  pod: RuntimePod,
  exits: ContainerStop[] | undefined,
  cfg: ContainerdConfig,
  ctx: Ctx,
): ContainerdState {
  ctx.send(cfg.kubelet, {
    p: "cri",
    kind: "cri-event",
    pod: { ...pod, state: "stopped" },
    stage: exits === undefined ? { kind: "stopped" } : { kind: "stopped", exits },
  });
  const pods = copyRecord(s.pods);
  delete pods[pod.uid];
  const specs = copyRecord(s.specs);
  delete specs[pod.uid];
  let next: ContainerdState = { ...s, pods, specs };
  if (s.stopping?.[pod.uid] !== undefined) {
    const stopping = copyRecord(s.stopping);
    delete stopping[pod.uid];
    next = { ...next, stopping };
  }
  if (s.cpu?.[pod.ip] === undefined) return next;
  const cpu = copyRecord(s.cpu);
  delete cpu[pod.ip];
  return { ...next, cpu };
}

function usedBy(m: CpuMeter | undefined, now: Ms): number {
  return m === undefined ? 0 : m.usedMilliMs + m.milli * (now - m.since);
}

/** Cumulative CPU of every pod whose containers all run, in uid order (ListPodSandboxStats). */
function podStats(s: ContainerdState, now: Ms): PodCpuStats[] {
  const out: PodCpuStats[] = [];
  for (const p of Object.values(s.pods).sort((a, b) => (a.uid < b.uid ? -1 : 1))) {
    const started = p.containers.map((c) => c.startedAt);
    if (p.state !== "running" || started.some((t) => t === null)) continue;
    out.push({
      uid: p.uid,
      name: p.name,
      namespace: p.namespace,
      startedAt: Math.min(...(started as number[])),
      timestamp: now,
      usageMilliMs: usedBy(s.cpu?.[p.ip], now),
    });
  }
  return out;
}

/** The app's CPU follows the load sent to it; a pod that does not run serves nothing. */
function onLoad(s: ContainerdState, ip: string, milli: number, now: Ms): ContainerdState {
  const running = Object.values(s.pods).some((p) => p.ip === ip && p.state === "running");
  const prev = s.cpu?.[ip];
  const meter: CpuMeter = { milli: running ? milli : 0, since: now, usedMilliMs: usedBy(prev, now) };
  return { ...s, cpu: withEntry(s.cpu ?? emptyRecord(), ip, meter) };
}

function onMessage(s: ContainerdState, env: Envelope, ctx: Ctx, cfg: ContainerdConfig): ContainerdState {
  const body = env.body;
  if (body.p === "app" && body.kind === "app-request") {
    const running = Object.values(s.pods).some((p) => p.ip === body.ip && p.state === "running");
    ctx.send(env.from, { p: "app", kind: "app-response", id: body.id, ip: body.ip, status: running ? 200 : 503 });
    return s;
  }
  if (body.p === "app" && body.kind === "app-load") return onLoad(s, body.ip, body.cpuMilli, ctx.now);
  if (body.p !== "cri" || body.kind !== "cri-request") return s;
  return onRequest(s, body, env, ctx, cfg);
}

function onTimer(s: ContainerdState, timer: ContainerdTimer, ctx: Ctx, cfg: ContainerdConfig): ContainerdState {
  const h = held(s, timer.uid);
  if (h === null) return s;
  if (timer.t === "stopped")
    return s.stopping?.[timer.uid] === undefined ? s : removePod(s, h.pod, s.stopping[timer.uid], cfg, ctx);
  // A pod being stopped runs no more container starts or exits of its own.
  if (s.stopping?.[timer.uid] !== undefined) return s;
  if (timer.t === "sandbox") {
    const next = put(s, { ...h.pod, state: "waiting" }, cfg, ctx, { kind: "sandbox" });
    const first = h.specs[0];
    return first === undefined ? next : pull(next, held(next, timer.uid)!, first, cfg, ctx);
  }
  const c = h.pod.containers.find((x) => x.name === timer.container);
  const spec = h.specs.find((x) => x.name === timer.container);
  if (c === undefined || spec === undefined || c.incarnation !== timer.incarnation) return s;
  if (timer.t === "pulled") {
    const startMs = draw(ctx, cfg.timing.containerStartMs);
    ctx.after(startMs, { t: "started", uid: timer.uid, container: c.name, incarnation: c.incarnation });
    const images = s.images[spec.image] === true ? s.images : withEntry(s.images, spec.image, true as const);
    return put({ ...s, images }, h.pod, cfg, ctx, {
      kind: "pulled",
      container: c.name,
      image: spec.image,
      pullPolicy: spec.pullPolicy,
      cached: timer.cached,
      ms: timer.ms,
    });
  }
  if (timer.t === "started") {
    const crashing = cfg.crashingImages.includes(spec.image);
    const exitAfter = crashing ? CRASH_AFTER_MS : spec.app.exitAfterMs;
    // A failFirst program (a flaky batch task) fails its first runs on this node, then exits as it is told.
    const runs =
      spec.app.failFirst === undefined ? s.runs : withEntry(s.runs ?? {}, spec.image, (s.runs?.[spec.image] ?? 0) + 1);
    const flaky = spec.app.failFirst !== undefined && (runs?.[spec.image] ?? 0) <= spec.app.failFirst;
    const code = crashing || flaky ? 1 : (spec.app.exitCode ?? 1);
    if (exitAfter !== null)
      ctx.after(exitAfter, { t: "exit", uid: timer.uid, container: c.name, incarnation: c.incarnation, code });
    const started = put(
      runs === s.runs ? s : { ...s, runs },
      setContainer(h.pod, c.name, { state: "running", startedAt: ctx.now, exitCode: null }),
      cfg,
      ctx,
      { kind: "started", container: c.name },
    );
    // Containers start one after another, in spec order (SyncPod's start loop).
    const nextSpec = h.specs.find(
      (x) => h.pod.containers.find((y) => y.name === x.name)?.state === "waiting" && x.name !== c.name,
    );
    return nextSpec === undefined ? started : pull(started, held(started, timer.uid)!, nextSpec, cfg, ctx);
  }
  const pod = setContainer(h.pod, c.name, { state: "exited", exitCode: timer.code, incarnation: c.incarnation + 1 });
  return put(s, pod, cfg, ctx, {
    kind: "exited",
    container: c.name,
    exitCode: timer.code,
    reason: timer.code === 0 ? "Completed" : "Error",
  });
}

export const containerd = defineComponent<ContainerdConfig, ContainerdState, ContainerdTimer>({
  kind: "containerd",
  boot: (cfg, persisted) => {
    const images: Record<string, true> = emptyRecord();
    for (const i of (persisted as string[] | undefined) ?? cfg.preloadedImages) images[i] = true;
    return { pods: {}, specs: {}, images };
  },
  onMessage,
  onTimer,
  onCrash: (s) => ({ persisted: Object.keys(s.images).sort(), peers: [] }),
});
