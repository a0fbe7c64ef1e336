import type { View } from "@/lib/sim";

/**
 * What the controllers and kube-proxy hold at the playhead: ReplicaSets, Services with their endpoints and DNS names,
 * PVCs, proxy rules.
 */
export function WorkloadPanel({ view }: { view: View }) {
  const replicasets = Object.entries(view.replicasets);
  const services = Object.entries(view.services);
  const proxies = Object.entries(view.proxies);
  if (!replicasets.length && !services.length && !view.pvcs.length && !proxies.length && !view.hpa) return null;
  return (
    <section
      aria-labelledby="workloads-heading"
      className="space-y-3 rounded-xl border border-line bg-surface p-3 text-sm"
    >
      <h2 id="workloads-heading" className="text-xs font-semibold uppercase tracking-wider text-muted">
        Objects at this moment
      </h2>
      {view.hpa ? (
        <div>
          <h3 className="mb-1 font-medium">HorizontalPodAutoscaler</h3>
          <p>
            <span className="font-mono text-xs">{view.hpa.name}</span> — cpu{" "}
            {view.hpa.utilization === null ? "<unknown>" : `${view.hpa.utilization}%`}/{view.hpa.target}%,{" "}
            {view.hpa.replicas} replica{view.hpa.replicas === 1 ? "" : "s"}
            {view.hpa.desired !== view.hpa.replicas ? `, wants ${view.hpa.desired}` : ""}
            <span className="block text-xs text-muted">
              last sync: {view.hpa.ready} ready pod{view.hpa.ready === 1 ? "" : "s"} counted
              {view.hpa.unready ? `, ${view.hpa.unready} not yet ready` : ""}
              {view.hpa.missing ? `, ${view.hpa.missing} without metrics` : ""}
            </span>
          </p>
        </div>
      ) : null}
      {replicasets.length ? (
        <div>
          <h3 className="mb-1 font-medium">ReplicaSets</h3>
          <ul className="space-y-0.5">
            {replicasets.map(([name, rs]) => (
              <li key={name}>
                <span className="font-mono text-xs">{name}</span> — {rs.replicas} replica{rs.replicas === 1 ? "" : "s"}
                {rs.revision !== null ? `, revision ${rs.revision}` : ""}
                {rs.deployment ? <span className="text-muted"> (Deployment {rs.deployment})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {services.length ? (
        <div>
          <h3 className="mb-1 font-medium">Services and their endpoints</h3>
          <ul className="space-y-1.5">
            {services.map(([name, service]) => (
              <li key={name}>
                <span className="font-mono text-xs">{name}</span>: {service.ready} ready, {service.notReady} not ready
                {service.terminating.length ? `, ${service.terminating.length} terminating` : ""}
                {service.endpoints.length ? (
                  <span className="block font-mono text-xs text-muted">{service.endpoints.join("  ")}</span>
                ) : null}
                {service.records.map((record) => (
                  <span key={record} className="block font-mono text-xs text-muted">
                    {record}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.pvcs.length ? (
        <div>
          <h3 className="mb-1 font-medium">PersistentVolumeClaims</h3>
          <p className="font-mono text-xs">{view.pvcs.join("  ")}</p>
        </div>
      ) : null}
      {proxies.length ? (
        <div>
          <h3 className="mb-1 font-medium">kube-proxy</h3>
          <ul className="space-y-2">
            {proxies.map(([node, proxy]) => (
              <li key={node}>
                <span className="font-medium">{node}</span> · {proxy.mode}
                {proxy.refused ? (
                  <span className="text-danger"> — refused: this mode was removed in v1.26</span>
                ) : (
                  <>
                    {" "}
                    — {proxy.rules.toLocaleString("en-US")} rules
                    {proxy.hashEntries
                      ? `, ${proxy.hashEntries.toLocaleString("en-US")} hash-map entries`
                      : ""} for {proxy.services.toLocaleString("en-US")} service ports
                    {proxy.path.length ? (
                      <ol className="mt-1 list-decimal pl-5 text-xs text-muted">
                        {proxy.path.map((step, index) => (
                          <li key={index}>{step}</li>
                        ))}
                      </ol>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
