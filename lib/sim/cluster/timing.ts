// Maps the global tuning onto per-component timing blocks.
import type { KubeletTiming } from "../cluster-components/kubelet/types";
import type { Tuning } from "./defaults";

export function kubeletTiming(t: Tuning): KubeletTiming {
  return {
    leaseRenewMs: t.nodeLeaseRenewMs,
    leaseDurationMs: t.nodeLeaseDurationMs,
    leaseRetryBaseMs: t.nodeLeaseRetryBaseMs,
    leaseRetryMaxMs: t.nodeLeaseRetryMaxMs,
    statusUpdateMs: t.nodeStatusUpdateMs,
    statusReportMs: t.nodeStatusReportMs,
    probePeriodMs: t.livenessPeriodMs,
    probeInitialDelayMs: t.probeInitialDelayMs,
    probeTimeoutMs: 15_000,
    livenessFailureThreshold: t.livenessFailureThreshold,
    startupFailureThreshold: t.startupFailureThreshold,
    crashLoopBaseMs: t.crashLoopBaseMs,
    crashLoopMaxMs: t.crashLoopMaxMs,
    crashLoopResetMs: t.crashLoopResetMs,
  };
}
