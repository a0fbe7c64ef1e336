// coordination.k8s.io/v1 Lease: leader election and node heartbeats.
import type { Ms } from "../core/units";
import type { ObjectMeta } from "./meta";

export type Lease = {
  kind: "Lease";
  apiVersion: "coordination.k8s.io/v1";
  metadata: ObjectMeta;
  spec: {
    holderIdentity: string | null;
    leaseDurationSeconds: number;
    acquireTime: Ms | null;
    renewTime: Ms | null;
    leaseTransitions: number;
  };
};
