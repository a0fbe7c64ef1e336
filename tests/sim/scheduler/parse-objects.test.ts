import { describe, expect, it } from "vitest";
import { formatInputError } from "@/lib/sim/manifests/input-error";
import { parseExistingObjects, parseNodes, parsePod } from "@/lib/sim/manifests/parse-objects";
import { newPodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { computePodResources } from "@/lib/sim/scheduler-framework/resources";

const pod = (spec: string, meta = "  name: p\n") => `apiVersion: v1\nkind: Pod\nmetadata:\n${meta}spec:\n${spec}`;

describe("parsing Kubernetes objects", () => {
  it("reads a NodeList like kubectl prints, defaulting allocatable from capacity", () => {
    const result = parseNodes(
      "nodes.yaml",
      "apiVersion: v1\nkind: NodeList\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\n  " +
        "spec: {taints: [{key: k, effect: NoSchedule}]}\n  status: {capacity: {cpu: '4', memory: 8Gi}}\n",
    );
    expect(result.ok && result.value[0]).toMatchObject({
      metadata: { name: "a" },
      spec: { taints: [{ key: "k", effect: "NoSchedule", timeAdded: null }] },
      status: { allocatable: { cpuMilli: 4000, memoryMi: 8192, pods: 0, quantities: { cpu: "4", memory: "8Gi" } } },
    });
  });

  it("reads JSON and multi-document YAML alike", () => {
    const json = JSON.stringify({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "j" },
      status: { allocatable: { cpu: "1" } },
    });
    expect(parseNodes("n.json", json).ok).toBe(true);
    const multi =
      "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: b}\n";
    expect(parseNodes("n.yaml", multi).ok && parseNodes("n.yaml", multi)).toMatchObject({
      value: [{ metadata: { name: "a" } }, { metadata: { name: "b" } }],
    });
  });

  it("defaults container requests from limits and keeps ports with a hostPort", () => {
    const result = parsePod(
      "pod.yaml",
      pod(
        "  containers:\n  - name: c\n    image: nginx\n    resources: {limits: {cpu: 500m, memory: 1Gi}, " +
          "requests: {cpu: 250m}}\n    ports: [{containerPort: 80, hostPort: 8080}, {containerPort: 81}]\n",
      ),
    );
    expect(result.ok && result.value.spec.containers[0]?.requests).toEqual({
      cpuMilli: 250,
      memoryMi: 1024,
      quantities: { cpu: "250m", memory: "1Gi" },
    });
    expect(result.ok && newPodInfo(result.value).hostPorts).toEqual([{ hostIP: "", protocol: "TCP", hostPort: 8080 }]);
  });

  it("produces the engine's Pod: ObjectMeta, SetDefaults_PodSpec's defaults, tolerations and status.phase", () => {
    const meta =
      "  name: p\n  namespace: shop\n  deletionTimestamp: '2026-01-01T00:00:00Z'\n  ownerReferences: " +
      "[{apiVersion: apps/v1, kind: ReplicaSet, name: rs, uid: u1, controller: true}]\n";
    const tolerations = "  tolerations: [{key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]\n";
    const result = parsePod(
      "pod.yaml",
      pod("  containers: [{name: c}]\n" + tolerations, meta) + "status: {phase: Failed}\n",
    );
    expect(result.ok && result.value).toMatchObject({
      kind: "Pod",
      metadata: {
        name: "p",
        namespace: "shop",
        // Only the presence of a deletionTimestamp matters: the pod is terminating.
        deletionTimestamp: 0,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u1", controller: true }],
      },
      spec: {
        nodeName: null,
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
        schedulerName: "default-scheduler",
        serviceAccountName: "default",
        tolerations: [{ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }],
      },
      status: { phase: "Failed" },
    });
  });

  it("gives a pod read from YAML the same PodInfo resources as the engine's pod with whole-unit numbers", () => {
    const parsed = parsePod(
      "pod.yaml",
      pod("  containers: [{name: c, resources: {requests: {cpu: 500m, memory: 256Mi}}}]\n"),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const container = parsed.value.spec.containers[0]!;
    const engine = {
      ...container,
      requests: { cpuMilli: container.requests.cpuMilli, memoryMi: container.requests.memoryMi },
    };
    const enginePod = { ...parsed.value, spec: { ...parsed.value.spec, containers: [engine] } };
    expect(engine.requests).toEqual({ cpuMilli: 500, memoryMi: 256 });
    expect(computePodResources(enginePod)).toEqual(computePodResources(parsed.value));
    expect(computePodResources(parsed.value).requests).toMatchObject({ milliCPU: 500, memory: 256 * 1024 * 1024 });
  });

  it("keeps the exact quantities of a manifest where whole MiB would round: 1G of memory is 1e9 bytes", () => {
    const parsed = parsePod("pod.yaml", pod("  containers: [{name: c, resources: {requests: {memory: 1G}}}]\n"));
    expect(parsed.ok && parsed.value.spec.containers[0]?.requests.memoryMi).toBe(954);
    expect(parsed.ok && computePodResources(parsed.value).requests.memory).toBe(1_000_000_000);
  });

  it("merges matchLabelKeys into the affinity selector as the API server does", () => {
    const spec =
      "  containers: [{name: c}]\n  affinity:\n    podAntiAffinity:\n      " +
      "requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: {matchLabels: {app: " +
      "web}}\n        topologyKey: kubernetes.io/hostname\n        matchLabelKeys: [pod-template-hash]\n";
    const result = parsePod("pod.yaml", pod(spec, "  name: p\n  labels: {app: web, pod-template-hash: abc}\n"));
    expect(
      result.ok && result.value.spec.affinity?.podAntiAffinity?.required[0]?.labelSelector?.matchExpressions,
    ).toEqual([{ key: "pod-template-hash", operator: "In", values: ["abc"] }]);
  });

  it.each([
    [
      "nodes.yaml",
      () =>
        parseNodes("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: a}\nstatus: {allocatable: {cpu: 2x}}\n"),
      'nodes.yaml: document 1 (Node "a"): status.allocatable.cpu: invalid quantity "2x"',
    ],
    [
      "unknown field",
      () => parsePod("pod.yaml", pod("  containers: [{name: c, imagePullPolicyy: Always}]\n")),
      'pod.yaml: document 1 (Pod "p"): spec.containers[0].imagePullPolicyy: ' +
        'unknown field "spec.containers[0].imagePullPolicyy"',
    ],
    [
      "invalid YAML",
      () => parsePod("pod.yaml", "kind: Pod\nmetadata: {name: [\n"),
      "pod.yaml: document 1: invalid YAML at line",
    ],
    [
      "negative quantity",
      () => parsePod("pod.yaml", pod("  containers: [{name: c, resources: {requests: {memory: -1Gi}}}]\n")),
      'spec.containers[0].resources.requests.memory: invalid quantity "-1Gi": must be greater than or equal to 0',
    ],
    [
      "list item",
      () =>
        parseNodes(
          "nodes.yaml",
          "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\n- " +
            "apiVersion: v1\n  kind: Node\n  metadata: {name: b}\n  spec: {unschedulable: maybe}\n",
        ),
      'nodes.yaml: document 1, items[1] (Node "b"): spec.unschedulable',
    ],
    [
      "wrong kind",
      () => parseNodes("nodes.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"),
      'kind: expected Node, got "Pod"',
    ],
    ["missing containers", () => parsePod("pod.yaml", pod("  nodeName: a\n")), "spec.containers: Required value"],
    [
      "bad toleration",
      () => parsePod("pod.yaml", pod("  containers: [{name: c}]\n  tolerations: [{operator: Equal, value: x}]\n")),
      "spec.tolerations[0].operator",
    ],
    [
      "second document",
      () =>
        parsePod(
          "pod.yaml",
          pod("  containers: [{name: c}]\n") + "---\n" + pod("  containers: [{name: c}]\n", "  name: q\n"),
        ),
      'pod.yaml: document 2 (Pod "q"): expected exactly one Pod to schedule',
    ],
    [
      "huge quantity",
      () =>
        parseNodes(
          "nodes.yaml",
          "apiVersion: v1\nkind: Node\nmetadata: {name: a}\nstatus: {allocatable: {memory: 16Ei}}\n",
        ),
      'status.allocatable.memory: quantity "16Ei" exceeds 2^53-1 units',
    ],
  ])("names the document and field for %s", (_label, run, expected) => {
    const result = run();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatInputError(result.error)).toContain(expected);
  });

  it("accepts Services and ReplicaSets in the existing-pods file for default spreading", () => {
    const text =
      "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  replicas: 2\n  selector: " +
      "{matchLabels: {app: web}}\n  template: {metadata: {labels: {app: web}}}\n---\napiVersion: v1\n" +
      "kind: Service\nmetadata: {name: s}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n";
    const result = parseExistingObjects("pods.yaml", text);
    expect(result.ok && result.value.workloads.map((w) => w.kind)).toEqual(["ReplicaSet", "Service"]);
  });
});
