// API errors with the status codes and message formats of k8s.io/apimachinery/pkg/api/errors and the
// apiserver's responsewriters, so that what kubectl prints in a replay matches a real cluster.
import { qualifiedResource, RESOURCES, type Resource } from "../objects/resources";
import type { Attributes } from "./rbac";

/** metav1.StatusCause: `field` names the offending field of a 422 (FieldValueInvalid and friends). */
export type StatusCause = { reason: string; message: string; field?: string };

/** metav1.StatusDetails: the kind and name a 422 is about (kubectl prints them), and its causes. */
export type StatusDetails = { name?: string; group?: string; kind?: string; causes: StatusCause[] };

/** `details`: the Status body's details (the eviction subresource names the budget in its causes). */
export type ApiError = { status: number; reason: string; message: string; details?: StatusDetails };

/**
 * A field.Error of type Invalid: `value` as ErrorBody prints it (strings quoted as %q does, numbers and
 * IntOrString values through their String method, unquoted), then the detail.
 */
export type FieldError = { field: string; value: string; detail: string };

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
    message:
      `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${name}": the object ` +
      "has been modified; please apply your changes to the latest version and try again",
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
    message:
      `${what} is forbidden: User "${user}" cannot ${a.verb} resource "${resource}" in ` +
      `API group "${a.apiGroup}" ${where}${reason === "" ? "" : `: ${reason}`}`,
  };
}

export const UNAUTHORIZED: ApiError = { status: 401, reason: "Unauthorized", message: "Unauthorized" };

/** filters/timeout.go: the non-long-running request deadline (--request-timeout) passed. */
export const TIMEOUT: ApiError = {
  status: 504,
  reason: "Timeout",
  message: "Timeout: request did not complete within requested timeout - context deadline exceeded",
};

/** ResilientWatchCacheInitialization: requests that need a not-yet-ready watch cache get a 429. */
export const CACHE_NOT_READY: ApiError = {
  status: 429,
  reason: "TooManyRequests",
  message: "storage is (re)initializing",
};

/** An etcd error that is not an API status: ErrorToAPIStatus turns it into a 500 with the raw text. */
export function internal(message: string): ApiError {
  return { status: 500, reason: "InternalError", message };
}

export function gone(): ApiError {
  return { status: 410, reason: "Expired", message: "too old resource version" };
}

/**
 * errors.NewInvalid: 422 with the group-qualified kind (`Deployment.apps "web" is invalid: ...`), the
 * field errors aggregated as ToAggregate prints them (one plainly, several in brackets), and one
 * FieldValueInvalid cause per error.
 */
export function invalid(resource: Resource, name: string, errors: readonly FieldError[]): ApiError {
  const { kind, group } = RESOURCES[resource];
  const causes = errors.map((e) => ({
    reason: "FieldValueInvalid",
    message: `Invalid value: ${e.value}: ${e.detail}`,
    field: e.field,
  }));
  const texts = causes.map((c) => `${c.field}: ${c.message}`);
  const aggregate = texts.length === 1 ? texts[0]! : `[${texts.join(", ")}]`;
  return {
    status: 422,
    reason: "Invalid",
    message: `${group === "" ? kind : `${kind}.${group}`} "${name}" is invalid: ${aggregate}`,
    details: { name, group, kind, causes },
  };
}
