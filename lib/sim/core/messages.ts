// Every message that crosses the simulated network, as one discriminated union keyed by protocol
// (`p`). The core defines only its own protocols (net, local); each protocol module adds its messages
// to MessageProtocols, and components/registry.ts says which of them open a connection. The core never
// inspects bodies beyond that (isConnectionOpener, core/extensions.ts).

/** What the sending host's kernel reports about a connection. */
type NetMsg =
  /** The destination host is up but nothing listens on the port (process down): TCP RST. */
  | { p: "net"; kind: "refused"; original: Msg }
  /** The peer process died with this connection open: its kernel closed the socket. */
  | { p: "net"; kind: "closed"; reason: string };

/**
 * Local traffic on a control-plane node: the container runtime tells the kubelet that a static pod
 * exited; kubeadm moves a new manifest for a static pod into /etc/kubernetes/manifests; the kubelet
 * tells kubeadm it runs the pod from that manifest (what kubeadm reads as the mirror pod's hash change).
 */
type LocalMsg =
  | { p: "local"; kind: "exited"; proc: string; reason: string }
  | { p: "local"; kind: "manifest-changed"; proc: string; version: string }
  | { p: "local"; kind: "static-started"; proc: string; version: string };

/**
 * The messages of each protocol, keyed by their `p`. An interface, not a type alias, because protocol
 * modules extend it by declaration merging, e.g. in apiserver/http.ts:
 * `declare module "../core/messages" { interface MessageProtocols { http: HttpMsg } }`.
 */
export interface MessageProtocols {
  net: NetMsg;
  local: LocalMsg;
}

export type Msg = MessageProtocols[keyof MessageProtocols];
