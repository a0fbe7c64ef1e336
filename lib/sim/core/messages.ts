// Every message that crosses the simulated network, as one discriminated union keyed by protocol
// (`p`). New components (kube-proxy, CRI details) add a protocol here and a handler in
// components/registry.ts; the core never inspects bodies beyond `isConnectionOpener`.
import type { AppMsg, CriMsg } from "../components/containerd-protocol";
import type { EtcdRpc } from "../etcd/protocol";
import type { HttpMsg } from "../apiserver/http";
import type { MetricsMsg } from "../components/metrics-server/protocol";
import type { PodNetMsg } from "../components/cni/protocol";
import type { CloudMsg } from "../components/cluster-autoscaler/protocol";
import type { RaftMsg } from "../raft/types";

/** Raft peer traffic between etcd members (etcd's rafthttp streams): the message is the body. */
export type RaftEnvelope = RaftMsg;

/** What the sending host's kernel reports about a connection. */
export type NetMsg =
  /** The destination host is up but nothing listens on the port (process down): TCP RST. */
  | { p: "net"; kind: "refused"; original: Msg }
  /** The peer process died with this connection open: its kernel closed the socket. */
  | { p: "net"; kind: "closed"; reason: string };

/**
 * Local traffic on a control-plane node: the container runtime tells the kubelet that a static pod
 * exited; kubeadm moves a new manifest for a static pod into /etc/kubernetes/manifests; the kubelet
 * tells kubeadm it runs the pod from that manifest (what kubeadm reads as the mirror pod's hash change).
 */
export type LocalMsg =
  | { p: "local"; kind: "exited"; proc: string; reason: string }
  | { p: "local"; kind: "manifest-changed"; proc: string; version: string }
  | { p: "local"; kind: "static-started"; proc: string; version: string };

export type Msg =
  RaftEnvelope | EtcdRpc | HttpMsg | CriMsg | AppMsg | NetMsg | LocalMsg | MetricsMsg | PodNetMsg | CloudMsg;

/**
 * True when the message opens a request or connection, so that a down process on a live host answers
 * with a TCP reset (`refused`). Raft traffic, responses and stream events are silently lost instead.
 */
export function isConnectionOpener(body: Msg): boolean {
  switch (body.p) {
    case "etcd":
      return (
        body.kind === "connect" ||
        body.kind === "range" ||
        body.kind === "txn" ||
        body.kind === "watch" ||
        body.kind === "snapshot"
      );
    case "http":
      return body.kind === "request";
    case "cri":
      return body.kind === "cri-request";
    case "app":
      return body.kind === "app-request";
    case "metrics":
      return body.kind === "scrape";
    default:
      return false;
  }
}
