import type { Topology } from "@/lib/sim";

// Where the cluster diagram draws each machine and process. Pure: a function of the topology
// (and how many pods a node may show), so the diagram never jumps around while a replay plays.
//
//   row 1  clients (kubectl, users) · load balancer
//   row 2  control-plane machines: API server, controller manager, scheduler, (stacked) etcd, kubelet
//   row 3  external etcd members, when etcd runs on its own machines
//   row 4  worker nodes with their pods

export type HostRole = "client" | "lb" | "control-plane" | "etcd" | "worker";
export type Box = { x: number; y: number; w: number; h: number };
export type HostLayout = Box & { id: string; role: HostRole };
export type Point = { x: number; y: number };

export type DiagramLayout = {
  width: number;
  height: number;
  hosts: HostLayout[];
  /** Where links to and from each process start: the middle of its row or circle. */
  anchors: Record<string, Point>;
  /** Rows inside a control-plane box, top to bottom. */
  rows: Record<string, Box>;
  /** Where a worker's pods go. */
  podAreas: Record<string, Box>;
  unscheduledArea: Box;
};

const minWidth = 560;
const margin = 16;
const gap = 16;
/** Vertical space between rows, where the links run. */
const rowGap = 34;
const rowHeight = 26;
const podHeight = 22;
export const podsPerRow = 3;

/** At most this many workers side by side; more wrap onto further rows (10 workers make two rows of 5). */
const workersPerRowMax = 5;

/** node-2 before node-10: machine names sort by their numbers, as a person reads them. */
const naturalOrder = new Intl.Collator("en", { numeric: true }).compare;

const kindOrder = [
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "cluster-autoscaler",
  "etcd",
  "kubelet",
];

/** Add-ons that run as pods on a worker and get a row of their own under its kubelet. */
const workerAddonKinds = ["metrics-server", "cni-agent", "coredns", "webapp-operator"];

function roleOf(hostId: string, kinds: string[]): HostRole {
  if (kinds.includes("load-balancer")) return "lb";
  // The cloud provider's API sits outside the cluster, with the clients.
  if (
    kinds.includes("kubectl") ||
    kinds.includes("web-client") ||
    kinds.includes("load-generator") ||
    kinds.includes("net-client") ||
    kinds.includes("cloud-provider")
  )
    return "client";
  if (kinds.includes("kube-apiserver")) return "control-plane";
  if (kinds.includes("etcd") && !kinds.includes("kubelet")) return "etcd";
  return hostId ? "worker" : "worker";
}

/** Boxes of one row, each `width` wide, centred in a diagram `diagramWidth` wide. */
function spread(count: number, width: number, diagramWidth: number): { w: number; xs: number[] } {
  const total = count * width + (count - 1) * gap;
  const start = (diagramWidth - total) / 2;
  return { w: width, xs: Array.from({ length: count }, (_, i) => start + i * (width + gap)) };
}

const boxWidth = { top: 200, controlPlane: 270, etcd: 190, worker: 230 };

/**
 * `omitEtcdHosts` leaves out the machines that run only etcd, for when the Raft view beside the
 * diagram draws those members already.
 */
export function layoutDiagram(
  topology: Topology,
  maxPodsPerNode: number,
  options: { omitEtcdHosts?: boolean } = {},
): DiagramLayout {
  const kindsByHost = new Map<string, string[]>();
  for (const proc of topology.processes) kindsByHost.set(proc.host, [...(kindsByHost.get(proc.host) ?? []), proc.kind]);
  const byRole = (role: HostRole) =>
    topology.hosts
      .filter((host) => roleOf(host.id, kindsByHost.get(host.id) ?? []) === role)
      .sort((a, b) => naturalOrder(a.id, b.id));
  const hosts: HostLayout[] = [];
  const anchors: Record<string, Point> = {};
  const rows: Record<string, Box> = {};
  const podAreas: Record<string, Box> = {};
  const top = [...byRole("client"), ...byRole("lb")];
  const controlPlanes = byRole("control-plane");
  const etcdHosts = options.omitEtcdHosts ? [] : byRole("etcd");
  const workers = byRole("worker");
  const workerRows = Math.max(1, Math.ceil(workers.length / workersPerRowMax));
  const workersPerRow = Math.ceil(workers.length / workerRows);
  // As wide as the widest row: the SVG scales to its container, so no width is wasted on margins.
  const rowWidth = (count: number, width: number) => count * width + (count - 1) * gap + 2 * margin;
  const diagramWidth = Math.max(
    minWidth,
    rowWidth(top.length, boxWidth.top),
    rowWidth(controlPlanes.length, boxWidth.controlPlane),
    rowWidth(etcdHosts.length, boxWidth.etcd),
    rowWidth(workersPerRow, boxWidth.worker),
  );
  let y = margin;

  // Row 1: clients and the load balancer.
  const topRow = spread(top.length, boxWidth.top, diagramWidth);
  top.forEach((host, i) =>
    hosts.push({
      id: host.id,
      role: roleOf(host.id, kindsByHost.get(host.id) ?? []),
      x: topRow.xs[i]!,
      y,
      w: topRow.w,
      h: 52,
    }),
  );
  y += 52 + rowGap;

  // Row 2: control-plane machines, one row per process inside.
  const cpRow = spread(controlPlanes.length, boxWidth.controlPlane, diagramWidth);
  const cpHeight =
    30 +
    kindOrder.filter((kind) => controlPlanes.some((h) => kindsByHost.get(h.id)?.includes(kind))).length * rowHeight +
    8;
  controlPlanes.forEach((host, i) => {
    hosts.push({ id: host.id, role: "control-plane", x: cpRow.xs[i]!, y, w: cpRow.w, h: cpHeight });
    const procs = topology.processes
      .filter((p) => p.host === host.id && kindOrder.includes(p.kind))
      .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
    procs.forEach((proc, row) => {
      rows[proc.id] = { x: cpRow.xs[i]! + 8, y: y + 28 + row * rowHeight, w: cpRow.w - 16, h: rowHeight - 4 };
    });
  });
  if (controlPlanes.length) y += cpHeight + rowGap;

  // Row 3: etcd members on machines of their own.
  const etcdRow = spread(etcdHosts.length, boxWidth.etcd, diagramWidth);
  etcdHosts.forEach((host, i) => hosts.push({ id: host.id, role: "etcd", x: etcdRow.xs[i]!, y, w: etcdRow.w, h: 70 }));
  if (etcdHosts.length) y += 70 + rowGap;

  // Row 4: workers, tall enough for the most pods any of them will hold, wrapped into rows.
  const podRows = Math.max(1, Math.ceil(maxPodsPerNode / podsPerRow));
  const addonsOf = (hostId: string) =>
    topology.processes.filter((p) => p.host === hostId && workerAddonKinds.includes(p.kind));
  const addonRows = Math.max(0, ...workers.map((h) => addonsOf(h.id).length));
  const workerHeight = 30 + rowHeight * (1 + addonRows) + podRows * (podHeight + 4) + 8;
  for (let row = 0; row < workerRows; row++) {
    const inRow = workers.slice(row * workersPerRow, (row + 1) * workersPerRow);
    const workerRow = spread(inRow.length, boxWidth.worker, diagramWidth);
    inRow.forEach((host, i) => {
      const x = workerRow.xs[i]!;
      hosts.push({ id: host.id, role: "worker", x, y, w: workerRow.w, h: workerHeight });
      addonsOf(host.id).forEach((proc, k) => {
        rows[proc.id] = { x: x + 8, y: y + 26 + rowHeight * (1 + k), w: workerRow.w - 16, h: rowHeight - 4 };
      });
      podAreas[host.id] = {
        x: x + 8,
        y: y + 28 + rowHeight * (1 + addonRows),
        w: workerRow.w - 16,
        h: podRows * (podHeight + 4),
      };
    });
    if (inRow.length) y += workerHeight + (row === workerRows - 1 ? 16 : gap);
  }

  // Pods waiting for a node get a strip at the bottom, over the last row's margin.
  const unscheduledArea = { x: margin, y: y - 8, w: diagramWidth - 2 * margin, h: podHeight + 20 };
  y += podHeight + 12;

  for (const proc of topology.processes) {
    const row = rows[proc.id];
    const host = hosts.find((h) => h.id === proc.host);
    if (row) anchors[proc.id] = { x: row.x + row.w / 2, y: row.y + row.h / 2 };
    else if (host?.role === "worker" && proc.kind === "kubelet")
      anchors[proc.id] = { x: host.x + host.w / 2, y: host.y + 28 + rowHeight / 2 };
    else if (host) anchors[proc.id] = { x: host.x + host.w / 2, y: host.y + host.h / 2 };
  }
  return { width: diagramWidth, height: y, hosts, anchors, rows, podAreas, unscheduledArea };
}

/** How many pods any node ever holds in a replay, at most (sizes the worker boxes once). */
export function podSlotsPerNode(events: readonly { type: string; pod?: unknown; node?: unknown }[]): number {
  const podsByNode = new Map<string, Set<string>>();
  for (const event of events) {
    if (
      (event.type === "pod.scheduled" || event.type === "pod.running") &&
      typeof event.node === "string" &&
      typeof event.pod === "string"
    ) {
      podsByNode.set(event.node, (podsByNode.get(event.node) ?? new Set()).add(event.pod));
    }
  }
  return Math.max(1, ...[...podsByNode.values()].map((pods) => pods.size));
}

export const podSize = { height: podHeight };
