// apiextensions.k8s.io/v1 CustomResourceDefinition, and the custom resource the operator scenario registers.
import type { ObjectMeta } from "./meta";

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition reduced to what registers one namespaced kind:
 * its group, names and served version; status.established once the API server serves it.
 */
export type CustomResourceDefinition = {
  kind: "CustomResourceDefinition";
  metadata: ObjectMeta;
  spec: { group: string; kind: string; plural: string; version: string; scope: "Namespaced" };
  status: { established: boolean };
};

/**
 * The custom resource the operator scenario registers (webapps.example.com/v1): a web app the
 * operator runs as a Deployment. status: the spec the operator last converged on (its signature) and
 * the Deployment's ready replicas, written through the status subresource.
 */
export type WebApp = {
  kind: "WebApp";
  metadata: ObjectMeta;
  spec: { replicas: number; image: string };
  status: { observed: string | null; readyReplicas: number };
};
