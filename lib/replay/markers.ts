import type { TraceEvent } from "@/lib/sim";

// The key moments of a replay, as markers on the timeline: what a learner would want to jump to.

export type MarkerKind = "leader" | "failure" | "fault" | "node" | "pod" | "lease";
export type Marker = { seq: number; t: number; kind: MarkerKind; label: string };

/** kubectl printed an error (a 404 that `apply` answers by creating the object is not one). */
function failedResponse(event: TraceEvent): boolean {
  return (typeof event.error === "string" && event.error.length > 0) || event.status === 0;
}

function markerFor(event: TraceEvent): Marker | null {
  const at = { seq: event.seq, t: event.t };
  switch (event.type) {
    case "raft.became-leader":
      return { ...at, kind: "leader", label: `${event.component} elected leader (term ${String(event.term)})` };
    case "api.response":
      return failedResponse(event)
        ? {
            ...at,
            kind: "failure",
            label:
              `${String(event.command ?? "request").split("  #")[0]} failed ` +
              `(${event.status === 0 ? "no response" : `HTTP ${String(event.status)}`})`,
          }
        : null;
    case "process.crashed":
      return { ...at, kind: "fault", label: `${event.component} stopped: ${String(event.reason)}` };
    case "host.powered-off":
      return { ...at, kind: "fault", label: `${event.component} lost power` };
    case "network.partitioned":
      return { ...at, kind: "fault", label: "network partitioned" };
    case "etcd.watches-cancelled":
      return { ...at, kind: "failure", label: `${event.component} cancelled its watches: no leader` };
    case "lb.backend-down":
      return { ...at, kind: "failure", label: `load balancer took ${String(event.backend)} out of rotation` };
    case "node.ready-changed":
      return event.status === "True"
        ? null
        : { ...at, kind: "node", label: `${String(event.node)} marked ${String(event.status)}` };
    case "node.tainted":
      return { ...at, kind: "node", label: `${String(event.node)} tainted` };
    case "pod.evicted":
      return { ...at, kind: "pod", label: `${String(event.pod)} evicted` };
    case "drain.cordoned":
      return { ...at, kind: "node", label: `${String(event.node)} cordoned` };
    case "eviction.refused":
      return { ...at, kind: "failure", label: `eviction of ${String(event.pod)} refused (429)` };
    case "eviction.granted":
      return { ...at, kind: "pod", label: `eviction of ${String(event.pod)} granted` };
    case "drain.drained":
      return { ...at, kind: "node", label: `${String(event.node)} drained` };
    case "drain.failed":
      return { ...at, kind: "failure", label: `drain of ${String(event.node)} failed` };
    case "node.version-reported":
      return { ...at, kind: "node", label: `${String(event.node)} runs kubelet ${String(event.version)}` };
    case "drain.uncordoned":
      return { ...at, kind: "node", label: `${String(event.node)} uncordoned` };
    case "pod.scheduled":
      return { ...at, kind: "pod", label: `${String(event.pod)} bound to ${String(event.node)}` };
    case "load.changed":
      return { ...at, kind: "fault", label: `load set to ${String(event.cpuMilli)}m of CPU` };
    case "ca.scale-up":
      return { ...at, kind: "node", label: `autoscaler: node group ${String(event.from)} → ${String(event.to)} nodes` };
    case "ca.max-size-reached":
      return {
        ...at,
        kind: "failure",
        label: `autoscaler at max size ${String(event.maxSize)}: ${String(event.pods)} pods stay Pending`,
      };
    case "cloud.instance-running":
      return { ...at, kind: "node", label: `${String(event.node)} booted` };
    case "ca.node-unneeded":
      return { ...at, kind: "node", label: `${String(event.node)} unneeded` };
    case "ca.scale-down-blocked":
      return { ...at, kind: "failure", label: `${String(event.node)} kept: ${String(event.reason)}` };
    case "ca.scale-down":
      return { ...at, kind: "node", label: `autoscaler removes ${String(event.node)}` };
    case "ca.node-removed":
      return { ...at, kind: "node", label: `${String(event.node)} removed` };
    case "hpa.rescaled":
      return {
        ...at,
        kind: "pod",
        label: `HPA ${String(event.hpa)} scaled ${String(event.from)} → ${String(event.to)}`,
      };
    case "leader-election.acquired":
      return { ...at, kind: "lease", label: `${event.component} became the active leader` };
    case "job.complete":
      return { ...at, kind: "pod", label: `Job ${String(event.job)} Complete` };
    case "job.failed":
      return { ...at, kind: "failure", label: `Job ${String(event.job)} Failed (${String(event.reason)})` };
    case "job.backoff":
      return { ...at, kind: "pod", label: `Job ${String(event.job)} backs off ${Number(event.backoffMs) / 1000} s` };
    case "cronjob.job-created":
      return { ...at, kind: "pod", label: `CronJob ${String(event.cronjob)} started ${String(event.job)}` };
    case "cronjob.forbid-skip":
      return { ...at, kind: "pod", label: `CronJob ${String(event.cronjob)} skipped a run (Forbid)` };
    case "cronjob.schedule-missed":
      return { ...at, kind: "failure", label: `CronJob ${String(event.cronjob)} missed a run` };
    case "netpol.programmed":
      return Number(event.isolated) > 0
        ? {
            ...at,
            kind: "pod",
            label:
              `${String(event.node)}: ${String(event.policies)} ` +
              `NetworkPolic${Number(event.policies) === 1 ? "y" : "ies"} programmed`,
          }
        : null;
    case "netpol.dropped":
      return {
        ...at,
        kind: "failure",
        label:
          `${String(event.node)} dropped ${String(event.peer)} → ` +
          `${String(event.pod)}:${String(event.port)} (${String(event.direction).toLowerCase()})`,
      };
    case "conn.established":
      return { ...at, kind: "pod", label: `${String(event.client)} connected to ${String(event.target)}` };
    case "conn.timeout":
      return { ...at, kind: "failure", label: `${String(event.client)}: connect timed out` };
    case "dns.resolved":
      return { ...at, kind: "pod", label: `${String(event.name)} resolved (${String(event.queries)} queries)` };
    case "dns.timeout":
      return { ...at, kind: "failure", label: `lookup of ${String(event.name)} timed out` };
    case "admission.refused":
      // A controller's refused creates show as its FailedCreate events; a user's as the refusal itself.
      return event.owner === null
        ? { ...at, kind: "failure", label: `pod ${String(event.pod)} refused by ${String(event.plugin)} (403)` }
        : null;
    case "admission.warning":
      return { ...at, kind: "fault", label: `${String(event.plugin)} Warning for ${String(event.object)}` };
    case "quota.charged":
      return { ...at, kind: "pod", label: `quota ${String(event.quota)}: ${String(event.used)}` };
    case "replicaset.failed-create":
      return { ...at, kind: "failure", label: `ReplicaSet ${String(event.replicaset)}: FailedCreate` };
    case "leader-election.lost":
      return { ...at, kind: "lease", label: `${event.component} lost its Lease` };
    default:
      return null;
  }
}

export function markersOf(events: readonly TraceEvent[]): Marker[] {
  return events.flatMap((event) => {
    const marker = markerFor(event);
    return marker ? [marker] : [];
  });
}
