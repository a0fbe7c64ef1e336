// The job controller's writes (pkg/controller/job/job_controller.go: manageJob's pod creates and deletes,
// the status update of syncJob), and the wait for the informers to show them before the next sync trusts
// its view, as the controller's expectations do.
import type { Ctx } from "../../core/component";
import { apiCall, statusPatchCall } from "../../apiserver/http";
import { isTerminating } from "../../objects/helpers";
import type { Job } from "../../objects/batch";
import type { Pod } from "../../objects/core";
import { expect, fulfil, issue } from "./kcm-api";
import { randomSuffix } from "./naming";
import type { KcmConfig, KcmState } from "./types";
import { newObjectMeta } from "../../objects/meta";

/** What the informer must show before the next sync trusts the Job's status again. */
function statusSignature(st: Job["status"]): string {
  const conditions = st.conditions.map((c) => `${c.type}=${c.status}`).join(",");
  return `${conditions}|${st.active}|${st.ready}|${st.succeeded}|${st.failed}|${st.startTime ?? ""}`;
}

export const INDEX_LABEL = "batch.kubernetes.io/job-completion-index";

/**
 * A pod from the template. Indexed Jobs: the index in the job-completion-index annotation and label
 * (PodIndexLabel), the hostname <job>-<index>, and the name <job>-<index>-<suffix> (podGenerateNameWithIndex).
 */
export function createPod(s: KcmState, cfg: KcmConfig, job: Job, index: number, ctx: Ctx, why: string): KcmState {
  const ns = job.metadata.namespace ?? "default";
  const name =
    index < 0
      ? `${job.metadata.name}-${randomSuffix(ctx.rng)}`
      : `${job.metadata.name}-${index}-${randomSuffix(ctx.rng)}`;
  const labels: Record<string, string> = {
    ...job.spec.template.labels,
    "batch.kubernetes.io/controller-uid": job.metadata.uid,
    "batch.kubernetes.io/job-name": job.metadata.name,
    "controller-uid": job.metadata.uid,
    "job-name": job.metadata.name,
  };
  const meta = newObjectMeta(name, ns, labels, ctx.now, {
    kind: "Job",
    name: job.metadata.name,
    uid: job.metadata.uid,
  });
  if (index >= 0) {
    labels[INDEX_LABEL] = String(index);
    meta.annotations = { [INDEX_LABEL]: String(index) };
  }
  const body: Pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: meta,
    spec: {
      ...job.spec.template.spec,
      nodeName: null,
      ...(index >= 0 ? { hostname: `${job.metadata.name}-${index}` } : {}),
    },
    status: { phase: "Pending", conditions: [], podIP: null },
  };
  const key = `jobpod:${ns}/${name}`;
  return expect(
    issue(
      s,
      cfg,
      apiCall("create", "pods", { namespace: ns, body }),
      { c: "job", op: "create", key, job: job.metadata.name, why, index },
      ctx,
    ),
    key,
    "exists",
  );
}

export function deletePod(s: KcmState, cfg: KcmConfig, job: Job, p: Pod, why: string, ctx: Ctx): KcmState {
  const key = `jobpod:${p.metadata.namespace}/${p.metadata.name}`;
  const call = apiCall("delete", "pods", { namespace: p.metadata.namespace, name: p.metadata.name });
  return expect(
    issue(s, cfg, call, { c: "job", op: "delete", key, job: job.metadata.name, why }, ctx),
    key,
    "terminating",
  );
}

export function writeStatus(
  s: KcmState,
  cfg: KcmConfig,
  job: Job,
  status: Job["status"],
  note: string,
  ctx: Ctx,
): KcmState {
  if (statusSignature(status) === statusSignature(job.status) && status.completionTime === job.status.completionTime)
    return s;
  const body: Record<string, unknown> = {
    active: status.active,
    ready: status.ready,
    succeeded: status.succeeded,
    failed: status.failed,
    conditions: status.conditions,
  };
  if (status.startTime !== null) body.startTime = status.startTime;
  if (status.completionTime !== null) body.completionTime = status.completionTime;
  const key = `jobstatus:${job.metadata.uid}`;
  const call = statusPatchCall("jobs", job, body);
  return expect(
    issue(
      s,
      cfg,
      call,
      {
        c: "job",
        op: "status",
        key,
        job: job.metadata.name,
        note,
        conditions: status.conditions.map((c) => c.type),
        reason: status.conditions.at(-1)?.reason ?? "",
        succeeded: status.succeeded,
        failed: status.failed,
      },
      ctx,
    ),
    key,
    statusSignature(status),
  );
}

/** Our earlier writes for this Job that the informers do not show yet (then the sync waits, as expectations do). */
export function waitingForWrites(
  s0: KcmState,
  job: Job,
  byKey: ReadonlyMap<string, Pod>,
): { s: KcmState; wait: boolean } {
  let s = s0;
  const ns = job.metadata.namespace ?? "default";
  for (const key of Object.keys(s.pendingWrites)) {
    const want = s.pendingWrites[key]!;
    if (key === `jobstatus:${job.metadata.uid}`) {
      if (statusSignature(job.status) !== want) return { s, wait: true };
      s = fulfil(s, key);
    } else if (key.startsWith(`jobpod:${ns}/${job.metadata.name}-`)) {
      const p = byKey.get(key);
      const shown = want === "exists" ? p !== undefined : p === undefined || isTerminating(p);
      if (!shown) return { s, wait: true };
      s = fulfil(s, key);
    }
  }
  return { s, wait: false };
}
