// A cloud provider's instance-group API (an AWS Auto Scaling group, a GCE managed instance group):
// IncreaseSize raises the group's target size and the new machines boot `provisioningMs` later (the
// VM is created, its OS boots, systemd starts containerd and the kubelet, which registers the
// Node); DeleteNodes terminates the named instances at once. Its machines are the hosts listed in
// `instances`, the first `initial` running from the start, the rest powered off until created.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope, Ms } from "../../core/types";
import type { CloudMsg } from "./protocol";

export type CloudProviderConfig = {
  group: string;
  instances: string[];
  initial: number;
  maxSize: number;
  provisioningMs: Ms;
};
type CloudProviderState = { running: readonly string[]; creating: readonly string[] };
type CloudTimer = { t: "boot"; host: string };

function reply(ctx: Ctx, to: string, id: string, ok: boolean, error: string | null, instances: string[]): void {
  const body: CloudMsg = { p: "cloud", kind: "done", id, ok, error, instances };
  ctx.send(to, body);
}

function onMessage(s: CloudProviderState, env: Envelope, ctx: Ctx, cfg: CloudProviderConfig): CloudProviderState {
  const m = env.body;
  if (m.p !== "cloud") return s;
  if (m.kind === "increase-size") {
    const size = s.running.length + s.creating.length;
    // IncreaseSize refuses to go past the group's max size (e.g. aws_manager.go SetAsgSize via the ASG's MaxSize).
    if (size + m.delta > cfg.maxSize) {
      reply(ctx, env.from, m.id, false, `size increase too large: desired ${size + m.delta}, max ${cfg.maxSize}`, []);
      return s;
    }
    const taken = new Set([...s.running, ...s.creating]);
    const created = cfg.instances.filter((h) => !taken.has(h)).slice(0, m.delta);
    for (const host of created) ctx.after(cfg.provisioningMs, { t: "boot", host } satisfies CloudTimer);
    ctx.trace(
      "cloud.instances-requested",
      `The cloud raises node group ${m.group} from ${size} to ${size + created.length} ` +
        `instances: ${created.join(", ")} will boot in about ${cfg.provisioningMs / 1000} s.`,
      {
        group: m.group,
        from: size,
        to: size + created.length,
        instances: created.join(","),
        provisioningMs: cfg.provisioningMs,
      },
    );
    reply(ctx, env.from, m.id, true, null, created);
    return { ...s, creating: [...s.creating, ...created] };
  }
  if (m.kind === "delete-nodes") {
    const gone = m.nodes.filter((n) => s.running.includes(n));
    for (const host of gone) {
      ctx.trace("cloud.instance-deleted", `The cloud terminates instance ${host} of node group ${m.group}.`, {
        group: m.group,
        node: host,
      });
      ctx.powerHost(host, false);
    }
    reply(ctx, env.from, m.id, true, null, gone);
    return { ...s, running: s.running.filter((h) => !gone.includes(h)) };
  }
  return s;
}

function onTimer(s: CloudProviderState, timer: CloudTimer, ctx: Ctx, cfg: CloudProviderConfig): CloudProviderState {
  if (!s.creating.includes(timer.host)) return s;
  ctx.trace(
    "cloud.instance-running",
    `Instance ${timer.host} of node group ${cfg.group} is running: it ` +
      "boots containerd and the kubelet, which registers the Node.",
    { group: cfg.group, node: timer.host },
  );
  ctx.powerHost(timer.host, true);
  return { running: [...s.running, timer.host], creating: s.creating.filter((h) => h !== timer.host) };
}

export const cloudProvider = defineComponent<CloudProviderConfig, CloudProviderState, CloudTimer>({
  kind: "cloud-provider",
  boot: (cfg) => ({ running: cfg.instances.slice(0, cfg.initial), creating: [] }),
  onMessage,
  onTimer,
});
