// The engine's primitive names: time, processes and hosts. A leaf, so that message and object types
// anywhere can use them without depending on the World (core/types.ts re-exports them for the rest).

/** Virtual time in integer milliseconds since the start of the run. */
export type Ms = number;
/** A process, e.g. `etcd-1`, `kube-apiserver-2`, `kubelet/node-3`. */
export type ProcId = string;
/** A machine, e.g. `cp-1`, `node-2`, `etcd-3`. Powering a host off stops all its processes. */
export type HostId = string;
