// discovery.k8s.io/v1 EndpointSlice: a Service's endpoints, kept by the EndpointSlice controller.
import type { ApiObject } from "./meta";

/**
 * discovery/v1 EndpointConditions: `serving` is the pod's readiness, `terminating` whether it is being
 * deleted, and `ready` is serving and not terminating (publishNotReadyAddresses is not modelled).
 */
type EndpointConditions = { ready: boolean; serving: boolean; terminating: boolean };

export type Endpoint = {
  addresses: string[];
  conditions: EndpointConditions;
  hostname: string | null;
  nodeName: string | null;
  targetRef: string;
};

export type EndpointSlice = ApiObject<"EndpointSlice", "discovery.k8s.io/v1"> & {
  addressType: "IPv4";
  endpoints: Endpoint[];
  ports: { port: number; protocol: "TCP" | "UDP" }[];
};
