// The node's container runtime (containerd behind CRI). It owns the running pods: they keep
// running, and keep answering application traffic, whatever happens to the kubelet or the control
// plane. Only the node losing power (or an explicit stop) ends them.
import { defineComponent, type Ctx } from "../core/component";
import type { Envelope, Ms, ProcId } from "../core/types";
import type { RuntimePod } from "./containerd-protocol";
import { copyRecord, withEntry } from "../core/records";

export type ContainerdConfig = { kubelet: ProcId; startMinMs: Ms; startMaxMs: Ms };
export type ContainerdState = { pods: Readonly<Record<string, RuntimePod>> };
export type ContainerdTimer = { t: "started"; uid: string };

function setPod(s: ContainerdState, pod: RuntimePod): ContainerdState {
  return { pods: withEntry(s.pods, pod.uid, pod) };
}

function onMessage(s: ContainerdState, env: Envelope, ctx: Ctx, cfg: ContainerdConfig): ContainerdState {
  const body = env.body;
  if (body.p === "app" && body.kind === "app-request") {
    const running = Object.values(s.pods).some((p) => p.ip === body.ip && p.state === "running");
    ctx.send(env.from, { p: "app", kind: "app-response", id: body.id, ip: body.ip, status: running ? 200 : 503 });
    return s;
  }
  if (body.p !== "cri" || body.kind !== "cri-request") return s;
  switch (body.op) {
    case "run-pod": {
      if (s.pods[body.uid] !== undefined) return s;
      // Sandbox, image pull and container start take a moment (KWOK-style staged delay).
      ctx.after(ctx.rng.range(cfg.startMinMs, cfg.startMaxMs), { t: "started", uid: body.uid });
      return setPod(s, { uid: body.uid, name: body.name, namespace: body.namespace, ip: body.ip, state: "starting" });
    }
    case "stop-pod": {
      const pod = s.pods[body.uid];
      if (pod === undefined) return s;
      const stopped = { ...pod, state: "stopped" as const };
      ctx.send(cfg.kubelet, { p: "cri", kind: "cri-event", pod: stopped });
      const pods = copyRecord(s.pods);
      delete pods[body.uid];
      return { pods };
    }
    case "list":
      ctx.send(env.from, { p: "cri", kind: "cri-response", id: body.id, pods: Object.values(s.pods).sort((a, b) => (a.uid < b.uid ? -1 : 1)) });
      return s;
  }
}

export const containerd = defineComponent<ContainerdConfig, ContainerdState, ContainerdTimer>({
  kind: "containerd",
  boot: () => ({ pods: {} }),
  onMessage,
  onTimer: (s, timer, ctx, cfg) => {
    const pod = s.pods[timer.uid];
    if (pod === undefined || pod.state !== "starting") return s;
    const running = { ...pod, state: "running" as const };
    ctx.send(cfg.kubelet, { p: "cri", kind: "cri-event", pod: running });
    return setPod(s, running);
  },
  onCrash: () => ({ persisted: undefined, peers: [] }),
});
