// Graceful termination of a pod marked for deletion, as kuberuntime_container.go killContainer does
// it for each container: run the preStop hook, bounded by the grace period
// (terminationGracePeriodSeconds, 30 s by default), then StopContainer with what is left of it as
// the timeout: SIGTERM, and SIGKILL when the timeout runs out. Whatever the hook used, the
// container gets at least minimumGracePeriodInSeconds (2 s) after SIGTERM.
import type { Ctx } from "../../core/component";
import { secs } from "../../objects/helpers";
import type { Pod } from "../../objects/core";
import type { ContainerStop, StopStep } from "../containerd-protocol";
import type { KubeletConfig } from "./types";

/** kuberuntime_container.go minimumGracePeriodInSeconds. */
const MINIMUM_GRACE_PERIOD_MS = 2000;

/** How the kubelet stops each of the pod's containers. Pure. */
export function stopPlan(pod: Pod): StopStep[] {
  const graceMs = pod.spec.terminationGracePeriodSeconds * 1000;
  return pod.spec.containers.map((c) => {
    const hookMs = (c.lifecycle?.preStop?.sleep.seconds ?? 0) * 1000;
    const preStopMs = Math.min(hookMs, graceMs);
    return { container: c.name, preStopMs, timeoutMs: Math.max(graceMs - preStopMs, MINIMUM_GRACE_PERIOD_MS) };
  });
}

export function traceStopping(pod: Pod, plan: readonly StopStep[], cfg: KubeletConfig, ctx: Ctx): void {
  const steps = plan.map(
    (p) =>
      `${p.container}: ${p.preStopMs > 0 ? `preStop sleep ${secs(p.preStopMs)}, then ` : ""}SIGTERM, ` +
      `SIGKILL ${secs(p.timeoutMs)} later if still running`,
  );
  ctx.trace(
    "pod.stopping",
    `kubelet/${cfg.node}: ${pod.metadata.name} is terminating (grace period ` +
      `${pod.spec.terminationGracePeriodSeconds} s): stopping its containers (${steps.join("; ")}).`,
    { pod: pod.metadata.name, node: cfg.node, graceSeconds: pod.spec.terminationGracePeriodSeconds },
  );
}

export function traceStopped(name: string, exits: readonly ContainerStop[], cfg: KubeletConfig, ctx: Ctx): void {
  const how = exits.map((e) =>
    e.exitCode === null
      ? `${e.container} was not running`
      : e.exitCode === 0
        ? `${e.container} exited on SIGTERM after ${secs(e.afterMs)}`
        : `${e.container} was still running when its grace period ran out ` +
          `and was killed (SIGKILL, exit 137) after ${secs(e.afterMs)}`,
  );
  ctx.trace("pod.stopped", `kubelet/${cfg.node}: the containers of ${name} have stopped: ${how.join("; ")}.`, {
    pod: name,
    node: cfg.node,
    afterMs: Math.max(0, ...exits.map((e) => e.afterMs)),
    killed: exits.some((e) => e.exitCode === 137),
  });
}
