// webapp-operator: a controller for the WebApp custom resource (webapps.example.com), built as
// controller-runtime builds one (sigs.k8s.io/controller-runtime: a manager with Lease leader
// election, informers on the primary kind and the kind it owns, a level-triggered Reconcile):
// - leader election on the Lease kube-system/webapp-operator (client-go tools/leaderelection);
// - each pass reads the informers' current objects, never the events that led there, so after a
//   restart the initial LIST shows only each WebApp's latest spec and one write converges on it;
// - a WebApp gets the finalizer webapps.example.com/cleanup first, then a Deployment of the same
//   name with an ownerReference (controller: true, blockOwnerDeletion: true), as
//   controllerutil.SetControllerReference writes it;
// - a WebApp with deletionTimestamp gets its external cleanup (cleanupMs), then loses the finalizer;
//   the owned Deployment is left to the garbage collector.
import { defineComponent, type Ctx } from "../../core/component";
import type { Envelope, Ms } from "../../core/types";
import { apiCall, type ApiCall } from "../../apiserver/http";
import {
  emptyHttpClient,
  httpSend,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
} from "../../client/http-client";
import { clusterWideSpec, type Informer, type InformerChange, type InformerTimer } from "../../client/informer";
import { newElector, type Elector, type ElectorConfig, type ElectorTimer } from "../../client/leader-election";
import { ownClients } from "../../client/own-clients";
import { leaderElectedClients } from "../leader-elected";
import type { WebApp } from "../../objects/apiextensions";
import type { Deployment } from "../../objects/apps";
import type { LibraryTag } from "../../client/library-tag";
import { podSpec } from "../../objects/helpers";

export const WEBAPP_FINALIZER = "webapps.example.com/cleanup";

export type OperatorConfig = { api: HttpClientConfig; elector: ElectorConfig; cleanupMs: Ms };

type OperatorState = {
  http: HttpClient<OperatorTag>;
  elector: Elector;
  informers: Readonly<Record<string, Informer>>;
  /**
   * Writes sent (by a key naming the object and what was written), so a pass does not repeat one the informer does not
   * show yet.
   */
  busy: Readonly<Record<string, "sent">>;
  /** WebApps (by uid) whose cleanup is running. */
  cleaning: Readonly<Record<string, true>>;
};

type OperatorTimer =
  HttpClientTimer | InformerTimer | ElectorTimer | { lib?: undefined; t: "cleanup-done"; uid: string };

const INFORMERS = ["deployments", "webapps"] as const;

/** The Deployment a WebApp's spec asks for (what Reconcile builds and compares). Pure. */
function desiredDeployment(w: WebApp): Deployment {
  const labels = { app: w.metadata.name };
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: {
      name: w.metadata.name,
      namespace: w.metadata.namespace,
      uid: "",
      resourceVersion: "",
      creationTimestamp: 0,
      labels,
      ownerReferences: [
        { kind: "WebApp", name: w.metadata.name, uid: w.metadata.uid, controller: true, blockOwnerDeletion: true },
      ],
      deletionTimestamp: null,
    },
    spec: {
      replicas: w.spec.replicas,
      selector: labels,
      template: {
        labels,
        spec: podSpec([{ name: "web", image: w.spec.image, requests: { cpuMilli: 100, memoryMi: 128 } }]),
      },
    },
    status: { replicas: 0, readyReplicas: 0 },
  };
}

/** What one Reconcile of a WebApp does, given the Deployment the informer holds. Pure. */
type ReconcileStep =
  | { do: "none" }
  | { do: "add-finalizer" }
  | { do: "create-deployment" }
  | { do: "update-deployment"; replicas: number; image: string }
  | { do: "cleanup" };

export function reconcileStep(w: WebApp, dep: Deployment | undefined): ReconcileStep {
  const fin = (w.metadata.finalizers ?? []).includes(WEBAPP_FINALIZER);
  if (w.metadata.deletionTimestamp !== null) return fin ? { do: "cleanup" } : { do: "none" };
  if (!fin) return { do: "add-finalizer" };
  if (dep === undefined) return { do: "create-deployment" };
  const image = dep.spec.template.spec.containers[0]?.image;
  if (dep.spec.replicas === w.spec.replicas && image === w.spec.image) return { do: "none" };
  return { do: "update-deployment", replicas: w.spec.replicas, image: w.spec.image };
}

function boot(_cfg: OperatorConfig, _p: unknown, ctx: Ctx): OperatorState {
  return {
    http: emptyHttpClient(),
    elector: newElector(`${ctx.host}_${ctx.nextId("id")}`, ctx),
    informers: {},
    busy: {},
    cleaning: {},
  };
}

const synced = (s: OperatorState) => INFORMERS.every((n) => s.informers[n]?.synced === true);

/** What the operator needs back with the answer to one of its writes (the request's tag). */
type OperatorWrite =
  | { op: "add-finalizer"; name: string }
  | { op: "create" | "update"; name: string; replicas: number; image: string }
  | { op: "remove-finalizer"; name: string; uid: string };

/** The operator's write, with `key` the busy entry it holds; the client libraries tag theirs with strings. */
type OperatorRequest = OperatorWrite & { key: string };
type OperatorTag = OperatorRequest | LibraryTag;

/** A write the operator sends: the API call, and its tag (what the answer's handler needs, with its busy key). */
type Write = { call: ApiCall; tag: OperatorRequest };

function send(s: OperatorState, cfg: OperatorConfig, { call, tag }: Write, ctx: Ctx): OperatorState {
  return {
    ...s,
    http: httpSend<OperatorTag>(s.http, cfg.api, call, tag, null, ctx).hc,
    busy: { ...s.busy, [tag.key]: "sent" },
  };
}

/** The write a Reconcile step asks for (none for "none" and "cleanup"). Pure. */
function stepWrite(w: WebApp, dep: Deployment | undefined, step: ReconcileStep): Write | null {
  const { uid, name, namespace } = w.metadata;
  switch (step.do) {
    case "add-finalizer": {
      const finalizers = [...(w.metadata.finalizers ?? []), WEBAPP_FINALIZER];
      const body = { ...w, metadata: { ...w.metadata, finalizers } };
      return {
        call: apiCall("update", "webapps", { namespace, name, body }),
        tag: { op: "add-finalizer", name, key: `fin:${uid}` },
      };
    }
    case "create-deployment": {
      const { replicas, image } = w.spec;
      const call = apiCall("create", "deployments", { namespace, body: desiredDeployment(w) });
      return { call, tag: { op: "create", name, replicas, image, key: `create:${uid}` } };
    }
    case "update-deployment": {
      const { replicas, image } = step;
      const containers = [{ ...dep!.spec.template.spec.containers[0]!, image }];
      const body = { spec: { replicas, template: { spec: { containers } } } };
      const key = `sync:${uid}:${replicas}:${image}`;
      return {
        call: apiCall("patch", "deployments", { namespace, name, body }),
        tag: { op: "update", name, replicas, image, key },
      };
    }
    default:
      return null;
  }
}

/** A WebApp with deletionTimestamp and our finalizer: its external cleanup starts, once. */
function startCleanup(s: OperatorState, cfg: OperatorConfig, w: WebApp, ctx: Ctx): OperatorState {
  const { uid, name } = w.metadata;
  if (s.cleaning[uid] !== undefined) return s;
  ctx.trace(
    "operator.cleanup-started",
    `webapp-operator: WebApp ${name} has deletionTimestamp set and still carries ${WEBAPP_FINALIZER}: ` +
      "it runs its cleanup (drops the app's external DNS record) before it removes its finalizer.",
    { webapp: name },
  );
  ctx.after(cfg.cleanupMs, { t: "cleanup-done", uid });
  return { ...s, cleaning: { ...s.cleaning, [uid]: true } };
}

function reconcile(s0: OperatorState, cfg: OperatorConfig, ctx: Ctx): OperatorState {
  if (!s0.elector.leader || !synced(s0)) return s0;
  let s = s0;
  const apps = Object.values(s.informers.webapps!.objects)
    .filter((o): o is WebApp => o.kind === "WebApp")
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const deps = Object.values(s.informers.deployments!.objects).filter((o): o is Deployment => o.kind === "Deployment");
  for (const w of apps) {
    const dep = deps.find((d) => d.metadata.namespace === w.metadata.namespace && d.metadata.name === w.metadata.name);
    const step = reconcileStep(w, dep);
    if (step.do === "cleanup") s = startCleanup(s, cfg, w, ctx);
    const write = stepWrite(w, dep, step);
    if (write !== null && s.busy[write.tag.key] === undefined) s = send(s, cfg, write, ctx);
  }
  return s;
}

/** Cleanup finished: remove the finalizer from the WebApp as the informer shows it now. */
function onCleanupDone(s: OperatorState, cfg: OperatorConfig, uid: string, ctx: Ctx): OperatorState {
  const w = Object.values(s.informers.webapps?.objects ?? {}).find(
    (o): o is WebApp => o.kind === "WebApp" && o.metadata.uid === uid,
  );
  if (!s.elector.leader || w === undefined) return s;
  const key = `unfin:${uid}:${w.metadata.resourceVersion}`;
  if (s.busy[key] !== undefined) return s;
  const { namespace, name } = w.metadata;
  ctx.trace(
    "operator.cleanup-done",
    `webapp-operator: cleanup of WebApp ${name} done: it removes ${WEBAPP_FINALIZER}.`,
    {
      webapp: name,
    },
  );
  const finalizers = (w.metadata.finalizers ?? []).filter((f) => f !== WEBAPP_FINALIZER);
  const body = { ...w, metadata: { ...w.metadata, finalizers } };
  const call = apiCall("update", "webapps", { namespace, name, body });
  return send(s, cfg, { call, tag: { op: "remove-finalizer", name, uid, key } }, ctx);
}

function onWriteResult(s: OperatorState, status: number, d: OperatorRequest, ctx: Ctx): OperatorState {
  const key = d.key;
  if (status < 200 || status >= 300) {
    // A conflict or a stale read: forget the write; a later pass (or the cleanup retry) decides again.
    const { [key]: _gone, ...busy } = s.busy;
    const next = { ...s, busy };
    if (d.op === "remove-finalizer") ctx.after(1000, { t: "cleanup-done", uid: d.uid });
    return next;
  }
  if (d.op === "add-finalizer")
    ctx.trace(
      "operator.finalizer-added",
      `webapp-operator added the finalizer ${WEBAPP_FINALIZER} to WebApp ${d.name}: from now ` +
        "on a delete only marks it (deletionTimestamp) until the operator has cleaned up.",
      { webapp: d.name },
    );
  else if (d.op === "create")
    ctx.trace(
      "operator.deployment-created",
      `webapp-operator created Deployment ${d.name} for WebApp ${d.name} (${d.replicas} replicas of ` +
        `${d.image}), with an ownerReference to the WebApp (controller: true, blockOwnerDeletion: true).`,
      { webapp: d.name, replicas: d.replicas, image: d.image },
    );
  else if (d.op === "update")
    ctx.trace(
      "operator.deployment-updated",
      `webapp-operator updated Deployment ${d.name} to the WebApp's spec ` +
        `as it reads it now: ${d.replicas} replicas of ${d.image}.`,
      { webapp: d.name, replicas: d.replicas, image: d.image },
    );
  else
    ctx.trace("operator.finalizer-removed", `webapp-operator removed ${WEBAPP_FINALIZER} from WebApp ${d.name}.`, {
      webapp: d.name,
    });
  return s;
}

/** The informers have synced: the trace lists what the initial LIST shows of each WebApp. */
function traceSynced(s: OperatorState, ctx: Ctx): void {
  const apps = Object.values(s.informers.webapps!.objects).filter((o): o is WebApp => o.kind === "WebApp");
  const list = apps.map((w) => `${w.metadata.name} (${w.spec.replicas} replicas of ${w.spec.image})`).join(", ");
  ctx.trace(
    "operator.synced",
    "webapp-operator's informers have synced: the initial LIST shows " +
      `${apps.length === 0 ? "no WebApp" : `each WebApp as it is now: ${list}`}.`,
    { webapps: apps.length, specs: list },
  );
}

function onInformer(
  s: OperatorState,
  cfg: OperatorConfig,
  _name: string,
  changes: readonly InformerChange[],
  justSynced: boolean,
  ctx: Ctx,
): OperatorState {
  // Only this informer's sync changed: all of them are synced now and were not before.
  const allJustSynced = justSynced && synced(s);
  if (allJustSynced) traceSynced(s, ctx);
  return changes.length > 0 || allJustSynced ? reconcile(s, cfg, ctx) : s;
}

const CLIENTS = leaderElectedClients<OperatorState, OperatorConfig>({
  role: "webapp-operator",
  informerSpecs: () => INFORMERS.map(clusterWideSpec),
  onInformer,
  onResponse: (s, cfg, r, ctx) => reconcile(onWriteResult(s, r.status, r.tag, ctx), cfg, ctx),
});

function onMessage(s0: OperatorState, env: Envelope, ctx: Ctx, cfg: OperatorConfig): OperatorState {
  return CLIENTS.onMessage(ownClients(s0, ctx), cfg, env, ctx);
}

function onTimer(s0: OperatorState, timer: OperatorTimer, ctx: Ctx, cfg: OperatorConfig): OperatorState {
  const s = ownClients(s0, ctx);
  return timer.lib !== undefined ? CLIENTS.onTimer(s, cfg, timer, ctx) : onCleanupDone(s, cfg, timer.uid, ctx);
}

export const webappOperator = defineComponent<OperatorConfig, OperatorState, OperatorTimer>({
  kind: "webapp-operator",
  editsOwnedState: true,
  boot,
  onMessage,
  onTimer,
});
