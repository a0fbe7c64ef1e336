// API errors with the status codes and message formats of k8s.io/apimachinery/pkg/api/errors and the
// apiserver's responsewriters, so that what kubectl prints in a replay matches a real cluster.
import { qualifiedResource, type Resource } from "../objects/resources";
import type { Attributes } from "./rbac";

/** `cause`: a StatusCause message in details.causes (the eviction subresource names the budget there). */
export type ApiError = { status: number; reason: string; message: string; cause?: string };

export function notFound(resource: Resource, name: string): ApiError {
  return { status: 404, reason: "NotFound", message: `${qualifiedResource(resource)} "${name}" not found` };
}

export function alreadyExists(resource: Resource, name: string): ApiError {
  return { status: 409, reason: "AlreadyExists", message: `${qualifiedResource(resource)} "${name}" already exists` };
}

export function conflict(resource: Resource, name: string): ApiError {
  return {
    status: 409,
    reason: "Conflict",
    message: `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  };
}

/**
 * responsewriters.Forbidden: forbiddenMessage (the resource with its subresource, `pods/status`),
 * then ": <reason>" when the authorizers gave one, wrapped as NewForbidden(resource, name).
 */
export function forbidden(user: string, a: Attributes, reason: string): ApiError {
  const where = a.namespace === null ? "at the cluster scope" : `in the namespace "${a.namespace}"`;
  const resource = a.subresource === null ? a.resource : `${a.resource}/${a.subresource}`;
  const qualified = a.apiGroup === "" ? a.resource : `${a.resource}.${a.apiGroup}`;
  const what = a.name === null ? qualified : `${qualified} "${a.name}"`;
  return {
    status: 403,
    reason: "Forbidden",
    message: `${what} is forbidden: User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" ${where}${reason === "" ? "" : `: ${reason}`}`,
  };
}

export const UNAUTHORIZED: ApiError = { status: 401, reason: "Unauthorized", message: "Unauthorized" };

/** filters/timeout.go: the non-long-running request deadline (--request-timeout) passed. */
export const TIMEOUT: ApiError = { status: 504, reason: "Timeout", message: "Timeout: request did not complete within requested timeout - context deadline exceeded" };

/** ResilientWatchCacheInitialization: requests that need a not-yet-ready watch cache get a 429. */
export const CACHE_NOT_READY: ApiError = { status: 429, reason: "TooManyRequests", message: "storage is (re)initializing" };

/** An etcd error that is not an API status: ErrorToAPIStatus turns it into a 500 with the raw text. */
export function internal(message: string): ApiError {
  return { status: 500, reason: "InternalError", message };
}

export function gone(): ApiError {
  return { status: 410, reason: "Expired", message: "too old resource version" };
}

export function invalid(resource: Resource, name: string, detail: string): ApiError {
  return { status: 422, reason: "Invalid", message: `${qualifiedResource(resource)} "${name}" is invalid: ${detail}` };
}
