// The cloud provider API the cluster-autoscaler calls (cloudprovider/cloud_provider.go NodeGroup:
// IncreaseSize, DeleteNodes), reduced to one node group whose instances are the scenario's spare
// machines. The cloud answers at once; the machines boot after its provisioning delay.
export type CloudMsg =
  | { p: "cloud"; kind: "increase-size"; id: string; group: string; delta: number }
  | { p: "cloud"; kind: "delete-nodes"; id: string; group: string; nodes: string[] }
  | { p: "cloud"; kind: "done"; id: string; ok: boolean; error: string | null; instances: string[] };

/** These messages cross the simulated network (core/messages.ts). */
declare module "../../core/messages" {
  interface MessageProtocols {
    cloud: CloudMsg;
  }
}
