// The endpointslice controller (pkg/controller/endpointslice): for every Service with a selector,
// one EndpointSlice <service>-<5 random> (label kubernetes.io/service-name) listing the selected
// pods that have an IP and are not terminal, terminating ones included, each with its conditions
// and, for pods whose subdomain is the Service, its hostname: that is what gives StatefulSet pods
// their DNS names <pod>.<svc>.<ns>.svc.cluster.local through a headless Service. kube-proxy and DNS
// read these slices, not the pods.
import type { Ctx } from "../../core/component";
import { withEntry } from "../../core/records";
import { apiCall } from "../../apiserver/http";
import { isTerminating, matchesLabels, podReady } from "../../objects/helpers";
import type { Pod, Service } from "../../objects/core";
import type { Endpoint, EndpointSlice } from "../../objects/discovery";
import { expect, fulfil, issue, objects } from "./kcm-api";
import { randomSuffix } from "./naming";
import type { KcmRequest } from "./requests";
import type { KcmConfig, KcmState } from "./types";
import { newObjectMeta } from "../../objects/meta";

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const CLUSTER_DOMAIN = "cluster.local";

// A stored slice's endpoints as text, memoized on the (immutable) slice object. Not world state.
const signatures = new WeakMap<EndpointSlice, string>();

function signatureOf(slice: EndpointSlice): string {
  let sig = signatures.get(slice);
  if (sig === undefined) {
    sig = JSON.stringify(slice.endpoints);
    signatures.set(slice, sig);
  }
  return sig;
}

/**
 * ShouldPodBeInEndpoints(pod, includeTerminating=true) and podToEndpoint (staging/src/k8s.io/
 * endpointslice utils.go): a pod with an IP that is not Succeeded or Failed is listed, terminating
 * or not; serving is its readiness, and ready is serving and not terminating. Pure.
 */
export function desiredEndpoints(svc: Service, pods: readonly Pod[]): Endpoint[] {
  const ns = svc.metadata.namespace;
  return pods
    .filter(
      (p) =>
        p.metadata.namespace === ns &&
        p.status.podIP !== null &&
        p.status.podIP !== "" &&
        p.status.phase !== "Succeeded" &&
        p.status.phase !== "Failed" &&
        matchesLabels(p.metadata.labels, svc.spec.selector),
    )
    .map((p) => {
      const serving = podReady(p);
      const terminating = isTerminating(p);
      return {
        addresses: [p.status.podIP!],
        conditions: { ready: serving && !terminating, serving, terminating },
        hostname: p.spec.subdomain === svc.metadata.name ? (p.spec.hostname ?? null) : null,
        nodeName: p.spec.nodeName,
        targetRef: p.metadata.name,
      };
    })
    .sort((a, b) => (a.targetRef < b.targetRef ? -1 : 1));
}

/** DNS A records a headless Service publishes for pods with hostnames. Pure. */
function dnsRecords(svc: Service, endpoints: readonly Endpoint[]): string[] {
  const ns = svc.metadata.namespace ?? "default";
  return endpoints
    .filter((e) => e.conditions.ready && e.hostname !== null)
    .map((e) => `${e.hostname}.${svc.metadata.name}.${ns}.svc.${CLUSTER_DOMAIN}=${e.addresses[0]}`);
}

function syncService(
  s: KcmState,
  cfg: KcmConfig,
  svc: Service,
  slices: readonly EndpointSlice[],
  pods: readonly Pod[],
  ctx: Ctx,
): KcmState {
  const ns = svc.metadata.namespace ?? "default";
  const key = `eps:${ns}/${svc.metadata.name}`;
  const slice = slices.find(
    (e) => e.metadata.namespace === ns && e.metadata.labels[SERVICE_NAME_LABEL] === svc.metadata.name,
  );
  const want = desiredEndpoints(svc, pods);
  const sig = JSON.stringify(want);
  const current = slice === undefined ? undefined : signatureOf(slice);
  const pending = s.pendingWrites[key];
  if (pending !== undefined) {
    if (current !== pending) return s;
    s = fulfil(s, key);
  }
  if (current === sig) return s;
  const ports = svc.spec.ports.map((p) => ({ port: p.targetPort, protocol: p.protocol }));
  const tag: KcmRequest = { c: "eps", key, svc: svc.metadata.name, headless: svc.spec.clusterIP === "None" };
  if (slice === undefined) {
    const labels = { [SERVICE_NAME_LABEL]: svc.metadata.name };
    const meta = newObjectMeta(`${svc.metadata.name}-${randomSuffix(ctx.rng)}`, ns, labels, ctx.now, {
      kind: "Service",
      name: svc.metadata.name,
      uid: svc.metadata.uid,
    });
    const body: EndpointSlice = {
      kind: "EndpointSlice",
      apiVersion: "discovery.k8s.io/v1",
      metadata: meta,
      addressType: "IPv4",
      endpoints: want,
      ports,
    };
    return expect(issue(s, cfg, apiCall("create", "endpointslices", { namespace: ns, body }), tag, ctx), key, sig);
  }
  const call = apiCall("patch", "endpointslices", {
    namespace: ns,
    name: slice.metadata.name,
    body: { endpoints: want, ports },
  });
  return expect(issue(s, cfg, call, tag, ctx), key, sig);
}

export function reconcileEndpointSlices(s0: KcmState, cfg: KcmConfig, ctx: Ctx): KcmState {
  let s = s0;
  const slices = objects<EndpointSlice>(s, "endpointslices", "EndpointSlice");
  const pods = objects<Pod>(s, "pods", "Pod");
  for (const svc of objects<Service>(s, "services", "Service")) {
    if (Object.keys(svc.spec.selector).length > 0) s = syncService(s, cfg, svc, slices, pods, ctx);
  }
  return s;
}

export function onEndpointSliceResult(
  s: KcmState,
  status: number,
  info: KcmRequest & { c: "eps" },
  body: unknown,
  ctx: Ctx,
): KcmState {
  const key = info.key;
  if (!(status === 200 || status === 201)) return fulfil(s, key);
  const slice = body as EndpointSlice;
  const ready = slice.endpoints.filter((e) => e.conditions.ready);
  const terminating = slice.endpoints.filter((e) => e.conditions.terminating);
  const notReady = slice.endpoints.length - ready.length - terminating.length;
  const fake = { metadata: { name: info.svc, namespace: slice.metadata.namespace } } as Service;
  const records = info.headless ? dnsRecords(fake, slice.endpoints) : [];
  const list = ready.map((e) => `${e.targetRef}=${e.addresses[0]}`);
  const leaving = terminating.map((e) => `${e.targetRef}=${e.addresses[0]}${e.conditions.serving ? " serving" : ""}`);
  // A headless Service's DNS records mirror its ready endpoints: the pattern here, the list in `records`.
  const dns =
    records.length > 0
      ? " DNS: one record per ready pod, " +
        `<pod>.${info.svc}.${slice.metadata.namespace}.svc.${CLUSTER_DOMAIN} (${records.length}).`
      : "";
  const kept =
    leaving.length > 0 ? ` ${leaving.length} terminating, kept with ready=false (${leaving.join(", ")}).` : "";
  ctx.trace(
    "endpointslice.updated",
    `endpointslice-controller wrote EndpointSlice ${slice.metadata.name} for Service ${info.svc}: ` +
      `${ready.length} ready endpoint(s)${list.length > 0 ? ` (${list.join(", ")})` : ""}, ${notReady} not ` +
      `ready.${kept}${dns}`,
    {
      service: info.svc,
      slice: slice.metadata.name,
      ready: ready.length,
      notReady,
      endpoints: list,
      terminating: leaving,
      records,
    },
  );
  return { ...s, slices: withEntry(s.slices, key, JSON.stringify(slice.endpoints)) };
}
