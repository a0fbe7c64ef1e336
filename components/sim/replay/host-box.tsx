import type { Box, DiagramLayout, HostLayout } from "@/lib/replay/layout";
import type { ProcView, View } from "@/lib/sim";
import { Fragment } from "react";
import { PodChips } from "./pod-chips";

const roleNames = {
  client: "",
  lb: "load balancer",
  "control-plane": "control plane",
  etcd: "etcd",
  worker: "worker",
} as const;
const partitionColors = ["var(--accent)", "var(--learning)", "var(--review)", "var(--new)"];

const procNames: Record<string, string> = {
  "kube-apiserver": "API server",
  "kube-controller-manager": "controller-manager",
  "kube-scheduler": "scheduler",
  etcd: "etcd",
  kubelet: "kubelet",
  kubectl: "kubectl",
  etcdctl: "etcdctl",
  "web-client": "users → Service web",
  "load-generator": "load generator → Service web",
  "metrics-server": "metrics-server",
  "cni-agent": "CNI policy agent",
  coredns: "CoreDNS",
  "net-client": "client pod",
  "cluster-autoscaler": "cluster-autoscaler",
  "cloud-provider": "cloud API: node group pool",
  "webapp-operator": "webapp-operator",
  "load-balancer": "load balancer",
};

/**
 * What a process row says: its role (etcd), whether it leads (controllers), that it is still starting, or that it is
 * down.
 */
function status(
  proc: ProcView,
  isHostUp: boolean,
  isBackend: boolean | undefined,
  isStarting: boolean,
): { text: string; tone: "ok" | "lead" | "down" | "warn" | "muted" } {
  if (isHostUp && !proc.up && isStarting) return { text: "starting", tone: "muted" };
  if (!isHostUp || !proc.up) return { text: "down", tone: "down" };
  if (proc.kind === "etcd") {
    if (proc.role === "leader")
      return {
        text: `leader · term ${proc.term}${proc.commitIndex !== null ? ` · commit ${proc.commitIndex}` : ""}`,
        tone: "lead",
      };
    if (proc.role === "candidate" || proc.role === "pre-candidate")
      return { text: `${proc.role} · term ${proc.term}`, tone: "warn" };
    return { text: `${proc.role ?? "starting"}${proc.term !== null ? ` · term ${proc.term}` : ""}`, tone: "muted" };
  }
  if (proc.kind === "kube-controller-manager" || proc.kind === "kube-scheduler")
    return proc.leading ? { text: "★ leader", tone: "lead" } : { text: "standby", tone: "muted" };
  if (proc.kind === "kube-apiserver" && isBackend === false) return { text: "out of rotation", tone: "warn" };
  return { text: "running", tone: "ok" };
}

const toneClass = {
  ok: "fill-review",
  lead: "fill-accent font-semibold",
  down: "fill-danger font-semibold",
  warn: "fill-learning",
  muted: "fill-muted",
};

/** Where a process's row is drawn: its place in the layout, or a worker's kubelet under the machine's name. */
export function procRow(layout: DiagramLayout, host: HostLayout, id: string): Box {
  return layout.rows[id] ?? { x: host.x + 8, y: host.y + 26, w: host.w - 16, h: 22 };
}

type HostBoxProps = {
  host: HostLayout;
  layout: DiagramLayout;
  view: View;
  partitionGroup: number;
  starting: ReadonlySet<string>;
};

/** An SVG rect's position and size from a layout box. */
function rectOf(box: Box) {
  return { x: box.x, y: box.y, width: box.w, height: box.h };
}

export function HostBox({ host, layout, view, partitionGroup, starting }: HostBoxProps) {
  const isUp = view.hosts[host.id]?.up ?? true;
  const procs = Object.entries(view.procs).filter(([, proc]) => proc.host === host.id && proc.kind !== "containerd");
  const node = view.nodes[host.id];
  const stroke = partitionGroup >= 0 ? partitionColors[partitionGroup % partitionColors.length] : "var(--line)";
  return (
    <g opacity={isUp ? 1 : 0.55}>
      <rect
        {...rectOf(host)}
        rx={10}
        fill="var(--surface)"
        stroke={stroke}
        strokeWidth={partitionGroup >= 0 ? 2.5 : 1.2}
        strokeDasharray={isUp ? undefined : "6 4"}
      />
      <text x={host.x + 10} y={host.y + 18} className="fill-fg text-[12px] font-semibold">
        {host.id}
        <tspan className="fill-muted font-normal">{roleNames[host.role] ? ` · ${roleNames[host.role]}` : ""}</tspan>
        {isUp || host.role === "worker" ? null : <tspan className="fill-danger"> · no power</tspan>}
      </text>
      {host.role === "worker" && !node && isUp ? (
        <text x={host.x + host.w - 10} y={host.y + 18} textAnchor="end" className="fill-muted text-[11px]">
          not registered yet
        </text>
      ) : null}
      {host.role === "worker" && node ? (
        <text
          x={host.x + host.w - 10}
          y={host.y + 18}
          textAnchor="end"
          className={
            "text-[11px] font-semibold " +
            `${node.ready === "True" ? "fill-review" : node.ready === "Unknown" ? "fill-danger" : "fill-learning"}`
          }
        >
          {isUp ? "" : "no power · "}
          {node.ready === "True" ? "Ready" : node.ready === "Unknown" ? "Unknown" : "NotReady"}
          {node.taints.length ? " · tainted" : ""}
        </text>
      ) : null}
      {host.role === "control-plane" || host.role === "worker"
        ? procs
            .filter(([id]) => layout.rows[id] || (host.role === "worker" && view.procs[id]!.kind === "kubelet"))
            .map(([id, proc]) => {
              const row = procRow(layout, host, id);
              const { text, tone } = status(proc, isUp, view.backends[id], starting.has(id));
              return (
                <g key={id}>
                  <rect
                    {...rectOf(row)}
                    rx={5}
                    fill={
                      tone === "down" ? "color-mix(in srgb, var(--danger) 12%, var(--surface))" : "var(--surface-2)"
                    }
                  />
                  <text x={row.x + 8} y={row.y + row.h / 2 + 4} className="fill-fg text-[11px]">
                    {procNames[proc.kind] ?? proc.kind}
                  </text>
                  <text
                    x={row.x + row.w - 8}
                    y={row.y + row.h / 2 + 4}
                    textAnchor="end"
                    className={`text-[11px] ${toneClass[tone]}`}
                  >
                    {tone === "down" ? "✕ down" : text}
                  </text>
                </g>
              );
            })
        : null}
      {host.role === "etcd" ? (
        <EtcdMember
          host={host}
          entry={procs.find(([, proc]) => proc.kind === "etcd")}
          isHostUp={isUp}
          starting={starting}
        />
      ) : null}
      {host.role === "client" || host.role === "lb" ? (
        // One line for the host's programs (kubectl and etcdctl share the admin's laptop).
        <text x={host.x + 10} y={host.y + 38} className="text-[11px]">
          {procs.map(([id, proc], i) => {
            const { text, tone } = status(proc, isUp, undefined, starting.has(id));
            return (
              <Fragment key={id}>
                {i > 0 ? <tspan className={toneClass.muted}>, </tspan> : null}
                <tspan className="fill-fg">{procNames[proc.kind] ?? proc.kind}</tspan>
                <tspan className={toneClass[tone]}>
                  {proc.kind === "etcd" || tone === "down" ? ` · ${tone === "down" ? "✕ down" : text}` : ""}
                </tspan>
              </Fragment>
            );
          })}
        </text>
      ) : null}
      {host.role === "worker" ? (
        <PodChips
          area={layout.podAreas[host.id]!}
          pods={Object.entries(view.pods).filter(([, pod]) => pod.node === host.id)}
        />
      ) : null}
    </g>
  );
}

const roleFill = {
  leader: "var(--accent)",
  candidate: "var(--learning)",
  "pre-candidate": "var(--learning)",
  follower: "var(--surface-2)",
} as const;

type EtcdMemberProps = {
  host: HostLayout;
  entry: [string, ProcView] | undefined;
  isHostUp: boolean;
  starting: ReadonlySet<string>;
};

/** An etcd member on its own machine: a disc coloured by its Raft role, with its term and commit index. */
function EtcdMember({ host, entry, isHostUp, starting }: EtcdMemberProps) {
  if (!entry) return null;
  const [id, proc] = entry;
  const isUp = isHostUp && proc.up;
  const isStarting = isHostUp && !proc.up && starting.has(id);
  const cx = host.x + 26;
  const cy = host.y + 44;
  const lines = isStarting
    ? ["starting"]
    : !isUp
      ? ["down"]
      : [
          proc.role ?? "starting",
          proc.term !== null ? `term ${proc.term}` : "",
          proc.role === "leader" && proc.commitIndex !== null ? `commit ${proc.commitIndex}` : "",
        ].filter(Boolean);
  return (
    <g>
      <circle
        cx={cx}
        cy={cy}
        r={14}
        fill={isUp ? roleFill[proc.role ?? "follower"] : "var(--surface)"}
        stroke={
          isUp
            ? proc.role === "leader"
              ? "var(--accent)"
              : "var(--line)"
            : isStarting
              ? "var(--muted)"
              : "var(--danger)"
        }
        strokeWidth={2}
        strokeDasharray={isStarting ? "4 3" : undefined}
      />
      {isUp || isStarting ? null : (
        <path
          d={`M ${cx - 6} ${cy - 6} L ${cx + 6} ${cy + 6} M ${cx + 6} ${cy - 6} L ${cx - 6} ${cy + 6}`}
          stroke="var(--danger)"
          strokeWidth={2}
        />
      )}
      {lines.map((line, index) => (
        <text
          key={line}
          x={cx + 24}
          y={cy - 6 + index * 14}
          className={
            "text-[11px] " +
            (index === 0
              ? isUp
                ? proc.role === "leader"
                  ? "fill-accent font-semibold"
                  : "fill-fg"
                : isStarting
                  ? "fill-muted"
                  : "fill-danger font-semibold"
              : "fill-muted")
          }
        >
          {line}
        </text>
      ))}
    </g>
  );
}
