// kubeadm on a control-plane node, for the upgrade commands (cmd/kubeadm/app/cmd/upgrade):
// - `upgrade plan` prints the cluster's and kubeadm's versions and what apply would do;
// - `upgrade apply <version>` (the first control-plane node) enforces the version policy
//   (phases/upgrade/policy.go, EnforceVersionPolicies), then upgrades the static pods;
// - `upgrade node` (every other control-plane node) upgrades them to the version apply recorded.
// The static pods are upgraded one at a time, etcd first (phases/upgrade/staticpods.go,
// StaticPodControlPlane, upgradeComponent): kubeadm moves the new manifest into
// /etc/kubernetes/manifests and backs up the old one, waits for the kubelet to restart the pod (the
// mirror pod's hash changes; here the kubelet tells kubeadm directly, mirror pods are not modelled)
// and for the component to come up (for kube-apiserver: until its /readyz answers 200), and only then
// moves on. kubeadm never touches the kubelet: its package is upgraded afterwards, by hand.
import { defineComponent, type Ctx } from "../core/component";
import type { Command, Envelope, Ms, ProcId } from "../core/types";
import {
  emptyHttpClient,
  httpClientCopy,
  httpOnMessageInPlace,
  httpOnTimerInPlace,
  httpSendInPlace,
  type HttpClient,
  type HttpClientTimer,
  type HttpResult,
} from "../client/http-client";
import { kubeadmUpgradeErrors } from "../cluster/version-skew";

export type KubeadmConfig = {
  node: string;
  kubelet: ProcId;
  /**
   * The node's static pods in the order kubeadm upgrades them: etcd, kube-apiserver, kube-controller-manager,
   * kube-scheduler.
   */
  staticPods: ProcId[];
  apiServer: ProcId;
  /** The version the cluster runs (kubeadm-config's kubernetesVersion) before any upgrade. */
  clusterVersion: string;
  /** The kubeadm binary's version: the newer package, installed before the upgrade as the guide says. */
  version: string;
  /** kubeadm's waiter polls every 500 ms (constants.KubernetesAPICallRetryInterval). */
  pollMs: Ms;
};

type Upgrade = {
  target: string;
  command: "apply" | "node";
  /** The static pods still to upgrade, in kubeadm's order. */
  queue: ProcId[];
  /** The static pod whose new manifest kubeadm moved and is waiting for. */
  current: ProcId | null;
  /** The /readyz request in flight while waiting for kube-apiserver; null between polls. */
  ready: string | null;
};

/** kubeadm's one request: the API server's /readyz poll. */
type ReadyzTag = "readyz";

type KubeadmState = { http: HttpClient<ReadyzTag>; upgrade: Upgrade | null };

type KubeadmTimer = HttpClientTimer | { t: "readyz" };

/** "kube-apiserver-2" → "kube-apiserver": the component a static pod's manifest is named after. */
function componentOf(proc: ProcId): string {
  return proc.replace(/-\d+$/, "");
}

/**
 * `upgrade-plan`, `upgrade-apply {version}`, `upgrade-node {version}`: upgrade node reads the version
 * from the kubeadm-config ConfigMap that apply updated; the scenario passes it along.
 */
function onCommand(s: KubeadmState, c: Command, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  if (c.name === "upgrade-plan") return plan(s, ctx, cfg);
  if (c.name !== "upgrade-apply" && c.name !== "upgrade-node")
    throw new RangeError(`kubeadm: unknown command ${c.name}`);
  const target = String(c.args.version);
  const line = c.name === "upgrade-apply" ? `kubeadm upgrade apply ${target} --yes` : "kubeadm upgrade node";
  ctx.trace("kubeadm.command", `$ ${line}  # on ${cfg.node}`, { command: line, node: cfg.node });
  if (c.name === "upgrade-apply") {
    ctx.trace(
      "kubeadm.version-check",
      `[upgrade/version] You have chosen to change the cluster version to "${target}"; ` +
        `[upgrade/versions] Cluster version: ${cfg.clusterVersion}; kubeadm version: ${cfg.version}`,
      { cluster: cfg.clusterVersion, target, kubeadm: cfg.version },
    );
    const errors = kubeadmUpgradeErrors(cfg.clusterVersion, target, cfg.version);
    if (errors.length > 0) {
      // Upstream prints each error on a line of its own; the trace keeps one line per event.
      const message =
        "[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors: " +
        `${errors.map((e) => `- ${e}`).join(" ")}. Please fix the misalignments highlighted above and try ` +
        "upgrading again";
      ctx.trace("kubeadm.refused", message, { node: cfg.node, target, cluster: cfg.clusterVersion });
      return s;
    }
  } else {
    ctx.trace(
      "kubeadm.version-check",
      `[upgrade] Reading configuration from the "kubeadm-config" ` +
        `ConfigMap in namespace "kube-system": kubernetesVersion ${target}`,
      { target },
    );
  }
  return next(
    {
      ...s,
      upgrade: {
        target,
        command: c.name === "upgrade-apply" ? "apply" : "node",
        queue: [...cfg.staticPods],
        current: null,
        ready: null,
      },
    },
    ctx,
    cfg,
  );
}

function plan(s: KubeadmState, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  ctx.trace("kubeadm.command", `$ kubeadm upgrade plan  # on ${cfg.node}`, {
    command: "kubeadm upgrade plan",
    node: cfg.node,
  });
  const refused = kubeadmUpgradeErrors(cfg.clusterVersion, cfg.version, cfg.version).length > 0;
  const rows = cfg.staticPods
    .map((p) => `${componentOf(p)} ${cfg.node} ${cfg.clusterVersion} → ${cfg.version}`)
    .join("; ");
  ctx.trace(
    "kubeadm.plan",
    refused
      ? `[upgrade/versions] Cluster version: ${cfg.clusterVersion}; kubeadm version: ` +
          `${cfg.version}. (More than one minor apart: apply to ${cfg.version} will be refused.)`
      : `[upgrade/versions] Cluster version: ${cfg.clusterVersion}; kubeadm version: ${cfg.version}. ` +
          "Components that must be upgraded manually after you have upgraded the control plane with " +
          `'kubeadm upgrade apply': kubelet. Upgrade to the latest stable version: ${rows}. You can now ` +
          `apply the upgrade by executing the following command: kubeadm upgrade apply ${cfg.version}`,
    { cluster: cfg.clusterVersion, kubeadm: cfg.version },
  );
  return s;
}

/** The next static pod, or the end of the upgrade. */
function next(s: KubeadmState, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  const u = s.upgrade!;
  const [proc, ...rest] = u.queue;
  if (proc === undefined) {
    const line =
      u.command === "apply"
        ? `[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${u.target}". ` +
          "[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order."
        : "[upgrade] The control plane instance for this node was successfully " +
          `upgraded to "${u.target}". Now upgrade the kubelet package and restart it.`;
    ctx.trace("kubeadm.success", line, { node: cfg.node, version: u.target });
    return { ...s, upgrade: null };
  }
  const component = componentOf(proc);
  ctx.trace(
    "kubeadm.manifest-moved",
    `[upgrade/staticpods] Moved new manifest to "/etc/kubernetes/manifests/${component}.yaml" and ` +
      `backed up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests/${component}.yaml"`,
    { node: cfg.node, proc, manifest: component, version: u.target },
  );
  ctx.send(cfg.kubelet, { p: "local", kind: "manifest-changed", proc, version: u.target });
  return { ...s, upgrade: { ...u, queue: rest, current: proc, ready: null } };
}

function upgraded(s: KubeadmState, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  const proc = s.upgrade!.current!;
  ctx.trace(
    "kubeadm.component-upgraded",
    `[upgrade/staticpods] Component "${componentOf(proc)}" upgraded successfully!`,
    { node: cfg.node, proc, version: s.upgrade!.target },
  );
  return next(s, ctx, cfg);
}

function pollReadyz(s: KubeadmState, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  const http = httpClientCopy(s.http);
  const id = httpSendInPlace(
    http,
    { server: cfg.apiServer, credential: null },
    { verb: "health", path: "/readyz" },
    "readyz",
    cfg.pollMs,
    ctx,
  );
  return { ...s, http, upgrade: { ...s.upgrade!, ready: id } };
}

function onResult(s: KubeadmState, r: HttpResult<ReadyzTag>, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  if (r.kind !== "response" || s.upgrade?.ready !== r.id) return s;
  if (r.status === 200) return upgraded(s, ctx, cfg);
  ctx.after(cfg.pollMs, { t: "readyz" });
  return { ...s, upgrade: { ...s.upgrade, ready: null } };
}

function onMessage(s: KubeadmState, env: Envelope, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  const body = env.body;
  if (body.p === "local" && body.kind === "static-started") {
    if (s.upgrade?.current !== body.proc) return s;
    return body.proc === cfg.apiServer ? pollReadyz(s, ctx, cfg) : upgraded(s, ctx, cfg);
  }
  const http = httpClientCopy(s.http);
  let out: KubeadmState = { ...s, http };
  for (const r of httpOnMessageInPlace(http, { server: cfg.apiServer, credential: null }, env, ctx))
    out = onResult(out, r, ctx, cfg);
  return out;
}

function onTimer(s: KubeadmState, timer: KubeadmTimer, ctx: Ctx, cfg: KubeadmConfig): KubeadmState {
  if ("lib" in timer) {
    const http = httpClientCopy(s.http);
    let out: KubeadmState = { ...s, http };
    for (const r of httpOnTimerInPlace(http, timer, ctx)) out = onResult(out, r, ctx, cfg);
    return out;
  }
  return s.upgrade === null ? s : pollReadyz(s, ctx, cfg);
}

export const kubeadm = defineComponent<KubeadmConfig, KubeadmState, KubeadmTimer>({
  kind: "kubeadm",
  boot: () => ({ http: emptyHttpClient<ReadyzTag>(), upgrade: null }),
  onMessage,
  onTimer,
  onCommand,
});
