// The pods/binding subresource (BindingREST.Create, pkg/registry/core/pod/storage/storage.go). The
// scheduler's POST .../pods/<name>/binding is a create, so it is admitted like one before assignPod's
// GuaranteedUpdate sets spec.nodeName: the mutating plugins (none of the modelled ones acts on a
// Binding: DefaultTolerationSeconds and ServiceAccount handle pods; NodeRestriction restricts only
// nodes, and refuses them this subresource), ValidatePodBinding, then the validating plugins
// (createValidation: NamespaceLifecycle...).
import type { Ctx } from "../core/component";
import { namespaceLifecycle, type AdmissionConfig } from "./admission";
import { internal, type ApiError } from "./errors";
import { traceStage } from "./flow-trace";
import type { ApiCall } from "./http";
import { admitNodeWrite } from "./node-restriction";

type BindingBody = { nodeName: string };

/** Admission of a binding by `user` (NodeIdentity `node`); traces each stage when `traced`. Null admits. */
export function admitBinding(
  call: ApiCall,
  user: string,
  node: string | null,
  cfg: AdmissionConfig,
  traced: boolean,
  ctx: Ctx,
): ApiError | null {
  const target = (call.body as BindingBody).nodeName;
  const byNode = node === null ? null : admitNodeWrite(node, call, null, null);
  if (traced)
    traceStage(
      ctx,
      call,
      user,
      "mutating-admission",
      byNode === null
        ? "no mutating plugin acts on a Binding; NodeRestriction skips non-node users"
        : "NodeRestriction: rejected (403)",
    );
  if (byNode !== null) return byNode;
  // ValidatePodBinding's errors come back as a plain aggregate, which the handler turns into a 500.
  const invalid = target === "" ? internal("target.name: Required value") : null;
  if (traced)
    traceStage(
      ctx,
      call,
      user,
      "schema-validation",
      invalid === null
        ? `ValidatePodBinding: target Node ${target}`
        : "ValidatePodBinding: target.name: Required value",
    );
  if (invalid !== null) return invalid;
  const lifecycle = namespaceLifecycle(call.namespace, cfg);
  if (traced)
    traceStage(
      ctx,
      call,
      user,
      "validating-admission",
      lifecycle === null
        ? `NamespaceLifecycle (namespace ${call.namespace} exists), ResourceQuota: admitted`
        : "NamespaceLifecycle: rejected",
    );
  return lifecycle;
}
