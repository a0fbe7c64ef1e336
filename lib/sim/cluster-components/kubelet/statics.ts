// Static pods: the kubelet restarts a control-plane process that exited, with CrashLoopBackOff (the
// first restart right away, then 10 s doubling to 5 min, forgotten after 10 min), and probes the
// local kube-apiserver like kubeadm's manifest: a startup probe (24 x 10 s), then a liveness probe on
// /livez every 10 s that kills it after 8 consecutive failures (about 80 s, k8s-facts §2.4).
// As pkg/kubelet/prober/worker.go, one probe loop ticks for the kubelet's whole life: a restarted
// container keeps it, and a probe waits out initialDelaySeconds counted from the container's start.
import type { Ctx } from "../../core/component";
import type { ProcId } from "../../core/types";
import { httpSend, type HttpResponse } from "../../client/http-client";
import { secs } from "../../objects/helpers";
import type { KubeletConfig, KubeletState } from "./types";

/** The sync loop notices an exit within about a second (PLEG relist). */
const NOTICE_MS = 1000;

export function onStaticExited(
  s: KubeletState,
  cfg: KubeletConfig,
  proc: ProcId,
  reason: string,
  ctx: Ctx,
): KubeletState {
  const sp = s.statics[proc];
  if (sp === undefined || sp.pendingRestart) return s;
  const fresh = ctx.now - sp.lastRestart > cfg.timing.crashLoopResetMs;
  const delay = fresh || sp.backoffMs === 0 ? NOTICE_MS : sp.backoffMs;
  const backoffMs =
    fresh || sp.backoffMs === 0 ? cfg.timing.crashLoopBaseMs : Math.min(sp.backoffMs * 2, cfg.timing.crashLoopMaxMs);
  ctx.after(delay, { t: "static-restart", proc });
  if (delay > NOTICE_MS) {
    ctx.trace(
      "kubelet.back-off",
      `kubelet/${cfg.node}: ${proc} exited (${reason}); back-off ` +
        `${secs(delay)} before restarting it (CrashLoopBackOff).`,
      { proc, delayMs: delay },
    );
  }
  return { ...s, statics: { ...s.statics, [proc]: { backoffMs, lastRestart: sp.lastRestart, pendingRestart: true } } };
}

/**
 * kubeadm moved a new manifest for `proc` into the manifest directory. The pod it describes has
 * another hash, so it is another pod (kubelet pkg/kubelet/config/file.go, the file source watches the
 * directory): the kubelet stops the old one and starts the new one, and `notify` (kubeadm) hears
 * when it runs.
 */
export function onManifestChanged(
  s: KubeletState,
  cfg: KubeletConfig,
  proc: ProcId,
  version: string,
  notify: ProcId,
  ctx: Ctx,
): KubeletState {
  const sp = s.statics[proc];
  if (sp === undefined) return s;
  ctx.trace(
    "kubelet.manifest-changed",
    `kubelet/${cfg.node}: ${proc}'s manifest changed (${version}): it stops the old pod, starts the new.`,
    { proc, version },
  );
  ctx.killLocal(proc, "its static pod manifest changed");
  ctx.after(NOTICE_MS, { t: "static-restart", proc });
  return { ...s, statics: { ...s.statics, [proc]: { ...sp, pendingRestart: true, replacing: { version, notify } } } };
}

export function onStaticRestart(s: KubeletState, cfg: KubeletConfig, proc: ProcId, ctx: Ctx): KubeletState {
  const sp = s.statics[proc];
  if (sp === undefined) return s;
  ctx.startLocal(proc);
  if (sp.replacing !== undefined) {
    ctx.trace("kubelet.static-pod-started", `kubelet/${cfg.node}: ${proc} runs ${sp.replacing.version}.`, {
      proc,
      version: sp.replacing.version,
    });
    ctx.send(sp.replacing.notify, { p: "local", kind: "static-started", proc, version: sp.replacing.version });
  }
  const probe = proc === cfg.probeTarget ? { phase: "startup" as const, failures: 0, inflight: null } : s.probe;
  const { replacing: _replaced, ...kept } = sp; // the new manifest's pod runs now
  return { ...s, probe, statics: { ...s.statics, [proc]: { ...kept, lastRestart: ctx.now, pendingRestart: false } } };
}

export function runProbe(s: KubeletState, cfg: KubeletConfig, ctx: Ctx): KubeletState {
  const target = cfg.probeTarget;
  if (target === null) return s;
  ctx.after(cfg.timing.probePeriodMs, { t: "probe" });
  const startedAt = s.statics[target]?.lastRestart ?? ctx.now;
  if (!ctx.isLocalUp(target) || s.probe.inflight !== null || ctx.now - startedAt < cfg.timing.probeInitialDelayMs)
    return s;
  const path = "/livez" as const;
  const { hc, id } = httpSend(
    s.probeHttp,
    { server: target, credential: null },
    { verb: "health", path },
    "probe",
    cfg.timing.probeTimeoutMs,
    ctx,
  );
  return { ...s, probeHttp: hc, probe: { ...s.probe, inflight: id } };
}

export function onProbeResult(s: KubeletState, cfg: KubeletConfig, r: HttpResponse<"probe">, ctx: Ctx): KubeletState {
  const target = cfg.probeTarget;
  if (target === null || r.id !== s.probe.inflight) return s;
  if (r.status === 200) return { ...s, probe: { phase: "liveness", failures: 0, inflight: null } };
  const failures = s.probe.failures + 1;
  const threshold =
    s.probe.phase === "startup" ? cfg.timing.startupFailureThreshold : cfg.timing.livenessFailureThreshold;
  if (failures < threshold) return { ...s, probe: { ...s.probe, failures, inflight: null } };
  const kind = s.probe.phase === "startup" ? "startup" : "liveness";
  ctx.trace(
    "kubelet.probe-failed",
    `kubelet/${cfg.node}: ${target} failed its ${kind} probe (GET /livez: ${r.error ?? `HTTP ${r.status}`}) ` +
      `${failures} times in a row; the kubelet kills the container and restarts it.`,
    { proc: target, probe: kind, failures },
  );
  ctx.killLocal(target, `${kind} probe failed`);
  const next = { ...s, probe: { phase: "startup" as const, failures: 0, inflight: null } };
  return onStaticExited(next, cfg, target, `${kind} probe failed`, ctx);
}
