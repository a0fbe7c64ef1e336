// HTTP between Kubernetes clients and kube-apiserver (through the load balancer when there is
// one), including watch streams and the health endpoints probed by the kubelet and the LB.
import type { ProcId } from "../core/units";
import type { Resource } from "../objects/resources";
import type { Credential } from "./authn";
import type { KubeObject } from "../objects/kube-object";

type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete";

export type ApiCall = {
  verb: Verb;
  resource: Resource;
  namespace: string | null;
  name: string | null;
  /**
   * `status` for status writes; `binding` for the scheduler's POST .../pods/<name>/binding; `eviction` for POST
   * .../pods/<name>/eviction.
   */
  subresource: "status" | "binding" | "eviction" | null;
  /** Object for create/update, merge patch for patch, `{ nodeName }` for a binding. */
  body: unknown;
  /** resourceVersion query parameter: null = most recent (from etcd), "0" = any (from the watch cache). */
  rv: string | null;
  /** Equality selectors, e.g. { "spec.nodeName": "node-1" } and { app: "web" }. */
  fieldSelector: Record<string, string> | null;
  labelSelector: Record<string, string> | null;
  /**
   * The `limit` of a paginated LIST (client-go's pager and kubectl's --chunk-size: 500); null = none. The sim serves
   * every page at once.
   */
  limit: number | null;
};

/** client-go's pager.PageSize default and kubectl's --chunk-size default. */
export const PAGE_SIZE = 500;

export type HealthPath = "/livez" | "/readyz" | "/healthz";

export type HttpRequest = {
  p: "http";
  kind: "request";
  id: string;
  /** The process that started the request (a load balancer relays it unchanged). */
  client: ProcId;
  /** The client certificate or bearer token it presents; null for anonymous health probes. */
  credential: Credential | null;
  call: ApiCall | { verb: "health"; path: HealthPath };
};

/** `warnings`: Warning headers (absent when none). */
export type HttpResponse = {
  p: "http";
  kind: "response";
  id: string;
  status: number;
  body: unknown;
  error: string | null;
  warnings?: string[];
};

export type WatchType = "ADDED" | "MODIFIED" | "DELETED";

type HttpMsg =
  | HttpRequest
  | HttpResponse
  | { p: "http"; kind: "watch-event"; id: string; type: WatchType; object: KubeObject }
  /** The server ended a watch stream (for example when its watch cache re-initializes). */
  | { p: "http"; kind: "watch-end"; id: string; reason: string };

export function apiCall(verb: Verb, resource: Resource, extra: Partial<ApiCall> = {}): ApiCall {
  return {
    verb,
    resource,
    namespace: null,
    name: null,
    subresource: null,
    body: null,
    rv: null,
    fieldSelector: null,
    labelSelector: null,
    limit: null,
    ...extra,
  };
}

/** A patch of an object's status subresource, merging `{ status }` in (what controllers and the kubelet write). */
export function statusPatchCall(resource: Resource, o: KubeObject, status: unknown): ApiCall {
  const { namespace, name } = o.metadata;
  return apiCall("patch", resource, { namespace, name, subresource: "status", body: { status } });
}

/** These messages cross the simulated network (core/messages.ts). */
declare module "../core/messages" {
  interface MessageProtocols {
    http: HttpMsg;
  }
}
