// NodeRestriction (plugin/pkg/admission/noderestriction/admission.go): the Node authorizer lets any
// kubelet write Node status and pod status, and this admission plugin narrows those writes to its
// own Node and the pods bound to its node, with upstream's 403 wording.
import { describe, expect, it } from "vitest";
import { apiCall, type ApiCall, type HttpResponse } from "@/lib/sim/apiserver/http";
import { admitNodeWrite } from "@/lib/sim/apiserver/node-restriction";
import { applyNow } from "@/lib/sim/core/run";
import { kubeletCredential } from "@/lib/sim/cluster/policy";
import { rangePrefix } from "@/lib/sim/etcd/mvcc";
import type { Node, Pod } from "@/lib/sim/objects/types";
import { k8sCluster, type Harness } from "./harness";

/** A cluster with web's two pods running, one on each worker. */
function cluster(): Harness {
  return k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2 }, 11)
    .runUntil(
      (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= 3,
      20_000,
    )
    .kubectl("apply", { name: "web", replicas: 2 })
    .runUntil((x) => x.events("pod.running").length >= 2, 30_000);
}

/** Sends `call` to the API server with kubelet/`node`'s credentials and returns the response. */
function asKubelet(h: Harness, node: string, call: ApiCall): HttpResponse {
  const id = `forged-${h.now}`;
  let response: HttpResponse | null = null;
  h.listeners.push((_w, ev) => {
    const body = ev.kind === "deliver" ? ev.body : null;
    if (body?.p === "http" && body.kind === "response" && body.id === id) response = body;
  });
  const from = `kubelet/${node}`;
  applyNow(h.sim, {
    kind: "deliver",
    from,
    to: "kube-apiserver-1",
    sentAt: h.now,
    body: { p: "http", kind: "request", id, client: from, credential: kubeletCredential(node), call },
  });
  h.runUntil(() => response !== null, 5000);
  return response!;
}

function podOn(h: Harness, node: string): Pod {
  const pods = rangePrefix(h.etcd("etcd-1").store, "/registry/pods/").map((kv) => kv.value as Pod);
  return pods.find((p) => p.spec.nodeName === node)!;
}

const readyPatch = {
  status: { conditions: [{ type: "Ready", status: "False", reason: "Forged", lastTransitionTime: 0 }] },
};

describe("NodeRestriction", () => {
  it("forbids a kubelet to write another node's status, and lets it write its own", () => {
    const h = cluster();
    const other = asKubelet(
      h,
      "node-1",
      apiCall("patch", "nodes", { name: "node-2", subresource: "status", body: readyPatch }),
    );
    expect(other).toMatchObject({
      status: 403,
      error: 'nodes "node-2" is forbidden: node "node-1" is not allowed to modify node "node-2"',
    });
    const own = asKubelet(
      h,
      "node-1",
      apiCall("patch", "nodes", {
        name: "node-1",
        subresource: "status",
        body: { status: { lastHeartbeatTime: h.now } },
      }),
    );
    expect(own.status).toBe(200);
  });

  it("forbids a kubelet to update the status of, or delete, a pod bound to another node", () => {
    const h = cluster();
    const pod = podOn(h, "node-2");
    const at = { namespace: "default", name: pod.metadata.name };
    const status = asKubelet(h, "node-1", apiCall("patch", "pods", { ...at, subresource: "status", body: readyPatch }));
    expect(status).toMatchObject({
      status: 403,
      error:
        `pods "${pod.metadata.name}" is forbidden: node "node-1" can only ` +
        "update pod status for pods with spec.nodeName set to itself",
    });
    const del = asKubelet(h, "node-1", apiCall("delete", "pods", { ...at, body: { gracePeriodSeconds: 0 } }));
    expect(del).toMatchObject({
      status: 403,
      error:
        `pods "${pod.metadata.name}" is forbidden: node "node-1" can ` +
        "only delete pods with spec.nodeName set to itself",
    });
    expect(podOn(h, "node-2").metadata.uid).toBe(pod.metadata.uid);
  });
});

describe("admitNodeWrite", () => {
  const node = (labels: Record<string, string>, taints: Node["spec"]["taints"] = []): Node => ({
    kind: "Node",
    apiVersion: "v1",
    metadata: {
      name: "node-1",
      namespace: null,
      uid: "n1",
      resourceVersion: "1",
      creationTimestamp: 0,
      labels,
      ownerReferences: [],
      deletionTimestamp: null,
    },
    spec: { taints, unschedulable: false },
    status: { conditions: [], allocatable: { cpuMilli: 1000, memoryMi: 1024, pods: 110 }, lastHeartbeatTime: 0 },
  });
  const mirror = (nodeName: string, annotated: boolean): Pod => ({
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: "static-web",
      namespace: "default",
      uid: "",
      resourceVersion: "",
      creationTimestamp: 0,
      labels: {},
      ownerReferences: [],
      deletionTimestamp: null,
      ...(annotated ? { annotations: { "kubernetes.io/config.mirror": "hash" } } : {}),
    },
    spec: {
      nodeName,
      containers: [],
      tolerations: [],
      serviceAccountName: "",
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
    status: { phase: "Pending", conditions: [], podIP: null },
  });
  const create = (body: Node | Pod) =>
    apiCall("create", body.kind === "Node" ? "nodes" : "pods", { namespace: body.metadata.namespace, body });

  it("lets a kubelet register with kubelet labels but not with node-role or node-restriction labels", () => {
    expect(
      admitNodeWrite(
        "node-1",
        create(node({ "kubernetes.io/hostname": "node-1", "topology.kubernetes.io/zone": "a", disktype: "ssd" })),
        null,
        node({}),
      ),
    ).toBeNull();
    const labels = { "node-role.kubernetes.io/control-plane": "", "node-restriction.kubernetes.io/pci": "true" };
    expect(admitNodeWrite("node-1", create(node(labels)), null, node(labels))?.message).toBe(
      'nodes "node-1" is forbidden: node "node-1" is not allowed to set the following ' +
        "labels: node-restriction.kubernetes.io/pci, node-role.kubernetes.io/control-plane",
    );
  });

  it("forbids a kubelet to change its own taints", () => {
    const patch = apiCall("patch", "nodes", { name: "node-1", body: {} });
    expect(
      admitNodeWrite("node-1", patch, node({}, [{ key: "dedicated", effect: "NoSchedule", timeAdded: 0 }]), node({}))
        ?.message,
    ).toBe('nodes "node-1" is forbidden: node "node-1" is not allowed to modify taints');
  });

  it("lets a kubelet create only mirror pods bound to itself", () => {
    expect(admitNodeWrite("node-1", create(mirror("node-1", true)), null, mirror("node-1", true))).toBeNull();
    expect(admitNodeWrite("node-1", create(mirror("node-2", true)), null, mirror("node-2", true))?.message).toBe(
      'pods "static-web" is forbidden: node "node-1" can only create pods with spec.nodeName set to itself',
    );
    expect(admitNodeWrite("node-1", create(mirror("node-1", false)), null, mirror("node-1", false))?.message).toContain(
      'node "node-1" can only create mirror pods',
    );
  });

  it("rejects a kubelet's write to another node's Lease, and pod subresources other than status and eviction", () => {
    expect(
      admitNodeWrite(
        "node-1",
        apiCall("update", "leases", { namespace: "kube-node-lease", name: "node-2" }),
        null,
        null,
      )?.message,
    ).toBe(
      'leases.coordination.k8s.io "node-2" is forbidden: can only ' +
        "access node lease with the same name as the requesting node",
    );
    expect(
      admitNodeWrite(
        "node-1",
        apiCall("create", "pods", {
          namespace: "default",
          name: "web-1",
          subresource: "binding",
          body: { nodeName: "node-1" },
        }),
        null,
        null,
      )?.message,
    ).toBe(`pods "web-1" is forbidden: unexpected pod subresource "binding", only 'status' and 'eviction' are allowed`);
  });
});
