// Node images: the kubelet's image cache (ListImages every 30 s, largest first) goes into
// status.images (nodestatus.Images, at most --node-status-max-images=50), and the scheduler's
// ImageLocality scores from it (imagelocality/image_locality.go). containerd names images by their
// normalized reference, which a pod's short image name does not match (kubernetes/kubernetes#112699).
import { beforeAll, describe, expect, it } from "vitest";
import { listImages, normalizedReference } from "@/lib/sim/cluster-components/container-images";
import { rangePrefix } from "@/lib/sim/etcd/mvcc";
import type { Node, Pod } from "@/lib/sim/objects/core";
import { scheduleOne } from "@/lib/sim/scheduler-framework/framework/schedule-one";
import { buildSnapshot } from "@/lib/sim/scheduler-framework/snapshot";
import { newPodInfo } from "@/lib/sim/scheduler-framework/pod-info";
import { defaultProfile, first } from "@/tests/sim/scheduler/fixtures";
import { k8sCluster, type Harness } from "./harness";

const MIB = 1024 * 1024;

describe("container images", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["bitnami/redis:7.4", "docker.io/bitnami/redis:7.4"],
    ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    ["nginx@sha256:0123", "docker.io/library/nginx@sha256:0123"],
  ])("containerd names %s as %s", (image, ref) => {
    expect(normalizedReference(image)).toBe(ref);
  });

  it("lists each image once, largest first", () => {
    expect(listImages(["busybox:1.37", "nginx:1.27", "docker.io/library/nginx:1.27"])).toEqual([
      { names: ["docker.io/library/nginx:1.27"], sizeBytes: 69 * MIB },
      { names: ["docker.io/library/busybox:1.37"], sizeBytes: 50 * MIB },
    ]);
  });
});

describe("status.images and ImageLocality", () => {
  let h: Harness;
  let nodes: Node[] = [];
  beforeAll(() => {
    h = k8sCluster({ controlPlanes: 1, etcdMembers: 1, workers: 2 }, 5)
      .runUntil(
        (x) => x.events("leader-election.acquired").length >= 2 && x.events("node.registered").length >= 3,
        20_000,
      )
      .kubectl("apply", { name: "web", replicas: 2 })
      .runUntil((x) => x.events("pod.running").length >= 2, 30_000)
      // The image cache refreshes every 30 s and node status is computed every 10 s.
      .runFor(40_000);
    nodes = rangePrefix(h.etcd("etcd-1").store, "/registry/nodes/").map((kv) => kv.value as Node);
  });

  it("reports the images its pods pulled, under containerd's names, within 40 s of the pull", () => {
    const images = Object.fromEntries(nodes.map((n) => [n.metadata.name, n.status.images ?? []]));
    expect(images).toEqual({
      "cp-1": [],
      "node-1": [{ names: ["docker.io/library/nginx:1.27"], sizeBytes: 69 * MIB }],
      "node-2": [{ names: ["docker.io/library/nginx:1.27"], sizeBytes: 69 * MIB }],
    });
  });

  it("lets ImageLocality favour those nodes for a pod naming the image in full, not for the short name", () => {
    const snapshot = buildSnapshot(nodes, []).snapshot;
    const template = rangePrefix(h.etcd("etcd-1").store, "/registry/pods/").map((kv) => kv.value as Pod)[0]!;
    const imageLocality = (image: string) => {
      const pod = {
        ...template,
        spec: { ...template.spec, nodeName: null, containers: template.spec.containers.map((c) => ({ ...c, image })) },
      };
      const result = scheduleOne(defaultProfile(), newPodInfo(pod), snapshot, { pickIndex: first });
      return Object.fromEntries(
        result.nodes.map((n) => [n.name, n.scores.find((s) => s.plugin === "ImageLocality")?.raw]),
      );
    };
    // 69 MiB on 2 of 3 nodes: int64(72351744 × 2/3) = 48234496 → 100 × (48234496 − 23 MiB) / (1000 MiB − 23 MiB) = 2.35
    // → 2.
    expect(imageLocality("docker.io/library/nginx:1.27")).toEqual({ "node-1": 2, "node-2": 2 });
    expect(imageLocality("nginx:1.27")).toEqual({ "node-1": 0, "node-2": 0 });
  });
});
