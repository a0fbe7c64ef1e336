// What the kubelet does as a pod's containers come and go (kuberuntime_manager.go SyncPod, the
// prober and the restart back-off): it traces each runtime step (sandbox + CNI IP, image pull by
// pull policy, container start), runs startup → readiness/liveness probes with the API defaults
// (period 10 s, timeout 1 s, failure threshold 3), and restarts exited or unhealthy containers
// after CrashLoopBackOff (at once, then 10 s doubling to 300 s; afresh after 10 min without an exit).
import type { Ctx } from "../../core/component";
import { copyRecord, withEntry } from "../../core/records";
import { secs } from "../../objects/helpers";
import type { Container, Pod, Probe } from "../../objects/core";
import type { RuntimePod, RuntimeStage } from "../containerd-protocol";
import { podsByUid, setBusy, syncPods } from "./pods";
import { traceStopped } from "./termination";
import type { ContainerWorker, KubeletConfig, KubeletState, ProbeKind } from "./types";

const FRESH: ContainerWorker = {
  gen: 0,
  restarts: 0,
  backoffMs: 0,
  ready: false,
  started: false,
  failures: 0,
  backingOff: false,
  lastExit: null,
};

function worker(s: KubeletState, uid: string, name: string): ContainerWorker {
  return s.workers[uid]?.containers[name] ?? FRESH;
}

function setWorker(s: KubeletState, uid: string, name: string, w: ContainerWorker): KubeletState {
  const containers = { ...(s.workers[uid]?.containers ?? {}), [name]: w };
  return { ...s, workers: withEntry(s.workers, uid, { containers }) };
}

function probeOf(c: Container | undefined, kind: ProbeKind): Probe | undefined {
  return kind === "startup" ? c?.startupProbe : kind === "readiness" ? c?.readinessProbe : c?.livenessProbe;
}

function traceStage(pod: RuntimePod, stage: RuntimeStage, cfg: KubeletConfig, ctx: Ctx): void {
  const f = { pod: pod.name, node: cfg.node };
  switch (stage.kind) {
    case "sandbox":
      ctx.trace(
        "pod.sandbox-ready",
        `kubelet/${cfg.node}: RunPodSandbox for ${pod.name}: the pause container holds ` +
          `the pod's network namespace and the CNI plugin gave it IP ${pod.ip}.`,
        { ...f, ip: pod.ip },
      );
      return;
    case "pulled": {
      const how =
        stage.pullPolicy === "Always"
          ? `imagePullPolicy Always${stage.cached ? ": it asked the registry and the local copy was current" : ""}`
          : `imagePullPolicy ${stage.pullPolicy}`;
      const text =
        stage.ms === 0
          ? `Container image "${stage.image}" already present on machine (${how}).`
          : `Pulled image "${stage.image}" in ${secs(stage.ms)} (${how}).`;
      ctx.trace("pod.image-pulled", `kubelet/${cfg.node}: ${pod.name}/${stage.container}: ${text}`, {
        ...f,
        container: stage.container,
        image: stage.image,
        policy: stage.pullPolicy,
        pulledMs: stage.ms,
      });
      return;
    }
    case "pull-failed":
      ctx.trace("pod.image-pull-failed", `kubelet/${cfg.node}: ${pod.name}/${stage.container}: ${stage.reason}.`, {
        ...f,
        container: stage.container,
        image: stage.image,
      });
      return;
    case "started":
      ctx.trace(
        "pod.container-started",
        `kubelet/${cfg.node}: created and started container ${stage.container} of ${pod.name}.`,
        { ...f, container: stage.container },
      );
      return;
    default:
      return;
  }
}

function armProbe(
  cfg: KubeletConfig,
  uid: string,
  c: Container | undefined,
  kind: ProbeKind,
  gen: number,
  first: boolean,
  ctx: Ctx,
): boolean {
  const p = probeOf(c, kind);
  if (p === undefined || c === undefined) return false;
  ctx.after((first ? p.initialDelaySeconds : p.periodSeconds) * 1000, {
    t: "pod-probe",
    uid,
    container: c.name,
    probe: kind,
    gen,
  });
  return true;
}

function onStarted(
  s: KubeletState,
  cfg: KubeletConfig,
  pod: Pod | undefined,
  uid: string,
  name: string,
  ctx: Ctx,
): KubeletState {
  const prev = worker(s, uid, name);
  const spec = pod?.spec.containers.find((c) => c.name === name);
  const gen = prev.gen + 1;
  const hasStartup = armProbe(cfg, uid, spec, "startup", gen, true, ctx);
  let hasReadiness = false;
  if (!hasStartup) {
    hasReadiness = armProbe(cfg, uid, spec, "readiness", gen, true, ctx);
    armProbe(cfg, uid, spec, "liveness", gen, true, ctx);
  }
  return setWorker(s, uid, name, {
    ...prev,
    gen,
    started: !hasStartup,
    ready: !hasStartup && !hasReadiness,
    failures: 0,
    backingOff: false,
  });
}

/**
 * A container exited (or was killed). As kuberuntime's doBackOff with flowcontrol.Backoff: the first
 * exit (or one more than 10 min after the previous) restarts at once and arms a 10 s back-off; each
 * later exit waits out the current back-off, which then doubles up to 5 min (CrashLoopBackOff).
 */
function onExited(
  s: KubeletState,
  cfg: KubeletConfig,
  rt: RuntimePod,
  name: string,
  exitCode: number,
  reason: string,
  ctx: Ctx,
): KubeletState {
  const prev = worker(s, rt.uid, name);
  const startedAt = rt.containers.find((c) => c.name === name)?.startedAt ?? ctx.now;
  // kuberuntime_manager.go computePodActions / ShouldContainerBeRestarted: Never keeps every exited
  // container down, OnFailure only one that exited with code 0; the pod then ends Succeeded or Failed.
  const policy = podsByUid(s)[rt.uid]?.spec.restartPolicy ?? "Always";
  if (policy === "Never" || (policy === "OnFailure" && exitCode === 0)) {
    ctx.trace(
      "pod.container-exited",
      `kubelet/${cfg.node}: container ${name} of ${rt.name} exited with code ${exitCode} (${reason}) ` +
        `after ${secs(ctx.now - startedAt)}; restartPolicy ${policy}, so it is not restarted.`,
      { pod: rt.name, node: cfg.node, container: name, exitCode, restarts: prev.restarts },
    );
    return setWorker(s, rt.uid, name, {
      ...prev,
      gen: prev.gen + 1,
      ready: false,
      backingOff: false,
      failures: 0,
      lastExit: ctx.now,
      done: { exitCode, at: ctx.now },
    });
  }
  const t = cfg.timing;
  const fresh = prev.lastExit === null || ctx.now - prev.lastExit > t.crashLoopResetMs;
  const delay = fresh ? 0 : prev.backoffMs;
  const backoffMs = fresh ? t.crashLoopBaseMs : Math.min(prev.backoffMs * 2, t.crashLoopMaxMs);
  const restarts = prev.restarts + 1;
  ctx.trace(
    "pod.container-exited",
    `kubelet/${cfg.node}: container ${name} of ${rt.name} exited with code ` +
      `${exitCode} (${reason}) after ${secs(ctx.now - startedAt)}.`,
    { pod: rt.name, node: cfg.node, container: name, exitCode, restarts },
  );
  if (delay > 0)
    ctx.trace(
      "pod.back-off",
      `kubelet/${cfg.node}: Back-off ${secs(delay)} restarting failed container ` +
        `${name} in ${rt.name} (CrashLoopBackOff, restart ${restarts}).`,
      { pod: rt.name, node: cfg.node, container: name, delayMs: delay },
    );
  const gen = prev.gen + 1;
  ctx.after(delay, { t: "pod-restart", uid: rt.uid, container: name, gen });
  return setWorker(s, rt.uid, name, {
    ...prev,
    gen,
    restarts,
    backoffMs,
    ready: false,
    backingOff: delay > 0,
    failures: 0,
    lastExit: ctx.now,
  });
}

/** Evented PLEG: the runtime reports a step of a pod's life. */
export function onRuntimeEvent(
  s0: KubeletState,
  cfg: KubeletConfig,
  rt: RuntimePod,
  stage: RuntimeStage | undefined,
  ctx: Ctx,
): KubeletState {
  let s = s0.busy[rt.uid] === "starting" ? setBusy(s0, rt.uid, null) : s0;
  if (rt.state === "stopped") {
    if (stage?.kind === "stopped" && stage.exits !== undefined) traceStopped(rt.name, stage.exits, cfg, ctx);
    s = setBusy(s, rt.uid, null);
    const runtime = copyRecord(s.runtime);
    delete runtime[rt.uid];
    return syncPods({ ...s, runtime }, cfg, ctx);
  }
  s = { ...s, runtime: withEntry(s.runtime, rt.uid, rt) };
  if (stage !== undefined) traceStage(rt, stage, cfg, ctx);
  const pod = podsByUid(s)[rt.uid];
  if (stage?.kind === "started") s = onStarted(s, cfg, pod, rt.uid, stage.container, ctx);
  if (stage?.kind === "exited") s = onExited(s, cfg, rt, stage.container, stage.exitCode, stage.reason, ctx);
  return syncPods(s, cfg, ctx);
}

export function onRestartTimer(
  s: KubeletState,
  cfg: KubeletConfig,
  uid: string,
  name: string,
  gen: number,
  ctx: Ctx,
): KubeletState {
  const w = worker(s, uid, name);
  if (w.gen !== gen || cfg.runtime === null || s.runtime[uid] === undefined) return s;
  ctx.send(cfg.runtime, {
    p: "cri",
    kind: "cri-request",
    id: ctx.nextId("cri"),
    op: "start-container",
    uid,
    container: name,
  });
  return s;
}

/** One probe: the simulated program answers once it has run its readyAfterMs. */
export function onProbeTimer(
  s: KubeletState,
  cfg: KubeletConfig,
  timer: { uid: string; container: string; probe: ProbeKind; gen: number },
  ctx: Ctx,
): KubeletState {
  const w = worker(s, timer.uid, timer.container);
  const rt = s.runtime[timer.uid];
  const c = rt?.containers.find((x) => x.name === timer.container);
  const pod = podsByUid(s)[timer.uid];
  const spec = pod?.spec.containers.find((x) => x.name === timer.container);
  const probe = probeOf(spec, timer.probe);
  if (w.gen !== timer.gen || rt === undefined || c?.state !== "running" || probe === undefined) return s;
  // prober/worker.go doProbe: once the pod is being deleted, liveness and startup probes stop (a quiet shutdown).
  if (pod !== undefined && pod.metadata.deletionTimestamp !== null && timer.probe !== "readiness") return s;
  const ok = ctx.now - (c.startedAt ?? ctx.now) >= (spec?.app?.readyAfterMs ?? 0);
  armProbe(cfg, timer.uid, spec, timer.probe, w.gen, false, ctx);
  if (ok) {
    if (timer.probe === "startup" && !w.started) {
      armProbe(cfg, timer.uid, spec, "readiness", w.gen, true, ctx);
      armProbe(cfg, timer.uid, spec, "liveness", w.gen, true, ctx);
      return syncPods(
        setWorker(s, timer.uid, timer.container, {
          ...w,
          started: true,
          ready: spec?.readinessProbe === undefined,
          failures: 0,
        }),
        cfg,
        ctx,
      );
    }
    const ready = timer.probe === "readiness" ? true : w.ready;
    // A probe that passes again changes nothing: keeping the worker object keeps the status memo (pods.ts desiredOf).
    const same = s.workers[timer.uid]?.containers[timer.container] === w && w.ready === ready && w.failures === 0;
    return syncPods(same ? s : setWorker(s, timer.uid, timer.container, { ...w, ready, failures: 0 }), cfg, ctx);
  }
  const failures = w.failures + 1;
  if (failures < probe.failureThreshold || (timer.probe === "readiness" && !w.ready))
    return setWorker(s, timer.uid, timer.container, { ...w, failures });
  ctx.trace(
    "pod.probe-failed",
    `kubelet/${cfg.node}: ${timer.probe} probe of ${rt.name}/${timer.container} failed ${failures} ` +
      `times in a row (period ${probe.periodSeconds} s, timeout ${probe.timeoutSeconds} s).`,
    { pod: rt.name, node: cfg.node, probe: timer.probe, failures },
  );
  if (timer.probe === "readiness")
    return syncPods(setWorker(s, timer.uid, timer.container, { ...w, ready: false, failures: 0 }), cfg, ctx);
  if (cfg.runtime !== null)
    ctx.send(cfg.runtime, {
      p: "cri",
      kind: "cri-request",
      id: ctx.nextId("cri"),
      op: "kill-container",
      uid: timer.uid,
      container: timer.container,
      reason: `${timer.probe} probe failed`,
    });
  return setWorker(s, timer.uid, timer.container, { ...w, failures: 0 });
}
