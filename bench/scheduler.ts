// npm run bench -- scheduler: 10,000 pods onto 5,000 nodes with the default profile, each bind
// updating the snapshot (assumePod), as one kube-scheduler instance would schedule a ReplicaSet.
// Target: < 3 s wall and < 1 GB on this machine. The upstream comparison printed below is
// scheduler_perf's SchedulingBasic/5000Nodes_10000Pods CI threshold (performance-config.yaml).
import { createRng, seedRng } from "@/lib/sim/core/rng";
import { parseQuantity } from "@/lib/sim/objects/quantity";
import type { Node, Pod } from "@/lib/sim/objects/core";
import type { Workload } from "@/lib/sim/scheduler-framework/workload";
import {
  assumePod,
  buildSnapshot,
  defaultSchedulerConfig,
  newPodInfo,
  scheduleOne,
} from "@/lib/sim/scheduler-framework";

const NODES = 5_000;
const PODS = Number(process.env.BENCH_PODS ?? 10_000);
const ZONES = 3;

const META = { uid: "", resourceVersion: "", creationTimestamp: 0, deletionTimestamp: null };

function makeNode(i: number): Node {
  const name = `node-${String(i).padStart(4, "0")}`;
  return {
    kind: "Node",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: null,
      labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": `zone-${i % ZONES}` },
      ownerReferences: [],
      ...META,
    },
    spec: {
      taints: i % 50 === 0 ? [{ key: "dedicated", value: "infra", effect: "NoSchedule", timeAdded: null }] : [],
      unschedulable: false,
    },
    status: {
      conditions: [],
      allocatable: { cpuMilli: 8000, memoryMi: 32 * 1024, pods: 110 },
      lastHeartbeatTime: 0,
      images: [{ names: ["registry.k8s.io/pause:3.10", "nginx:1.27"], sizeBytes: 70_000_000 }],
    },
  };
}

function makePod(i: number): Pod {
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: `web-5d8f9c7b6-${i}`,
      namespace: "bench",
      labels: { app: "web", "pod-template-hash": "5d8f9c7b6" },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8f9c7b6", uid: "", controller: true },
      ],
      ...META,
    },
    spec: {
      nodeName: null,
      containers: [{ name: "nginx", image: "nginx:1.27", requests: { cpuMilli: 100, memoryMi: 128 } }],
      tolerations: [],
      serviceAccountName: "default",
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
    status: { phase: "Pending", conditions: [], podIP: null },
  };
}

const workloads: Workload[] = [
  {
    kind: "ReplicaSet",
    namespace: "bench",
    name: "web-5d8f9c7b6",
    selector: { matchLabels: { app: "web", "pod-template-hash": "5d8f9c7b6" }, matchExpressions: [] },
  },
];
const profile = defaultSchedulerConfig().profiles[0];
if (!profile || !parseQuantity("8").ok) throw new Error("bench setup failed");

// Tie-breaks draw from the simulation's own generator, as its kube-scheduler component does.
const rng = createRng(seedRng(42));
const pickIndex = (n: number) => (n === 1 ? 0 : rng.int(n));
const started = performance.now();
let snapshot = buildSnapshot(
  Array.from({ length: NODES }, (_, i) => makeNode(i)),
  [],
  workloads,
).snapshot;
let next = 0;
let bound = 0;
let peakRss = process.memoryUsage().rss;
for (let i = 0; i < PODS; i++) {
  const pod = newPodInfo(makePod(i));
  const result = scheduleOne(profile, pod, snapshot, { pickIndex, nextStartNodeIndex: next, detail: false });
  next = result.nextStartNodeIndex;
  if (result.selectedNode !== null) {
    snapshot = assumePod(snapshot, pod, result.selectedNode);
    bound++;
  }
  if (i % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = (performance.now() - started) / 1000;
const memory = process.memoryUsage();
peakRss = Math.max(peakRss, memory.rss);
const perNode = snapshot.nodes.map((n) => n.pods.length);
console.log(
  `scheduled ${bound}/${PODS} pods onto ${NODES} nodes in ` +
    `${seconds.toFixed(2)} s → ${Math.round(PODS / seconds)} pods/s`,
);
console.log(
  `pods per node: min ${Math.min(...perNode)}, max ${Math.max(...perNode)}; peak RSS ` +
    `${(peakRss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
console.log("target: < 3 s wall, < 1 GB memory");
console.log(
  "kube-scheduler reference: scheduler_perf SchedulingBasic/5000Nodes_10000Pods " +
    "must average ≥ 680 pods/s in upstream CI " +
    "(threshold in kubernetes/kubernetes test/integration/scheduler_perf/misc/performance-config.yaml; " +
    "measured runs are on perf-dash.k8s.io). " +
    "That figure includes API-server binding and informer round trips; this bench is the scheduling algorithm alone.",
);
const ok = seconds < 3 && peakRss < 2 ** 30 && bound === PODS;
if (!ok) {
  console.error("FAIL: over target or pods left unscheduled");
  process.exit(1);
}
