// coordination.k8s.io/v1 Lease: leader election and node heartbeats.
import type { Ms } from "../core/units";
import type { ApiObject } from "./meta";

export type Lease = ApiObject<"Lease", "coordination.k8s.io/v1"> & {
  spec: {
    holderIdentity: string | null;
    leaseDurationSeconds: number;
    acquireTime: Ms | null;
    renewTime: Ms | null;
    leaseTransitions: number;
  };
};
