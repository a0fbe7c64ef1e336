// What every leader-elected control-plane component shares (kube-controller-manager, kube-scheduler,
// the webapp operator; client-go's leaderelection and informers, as controller-runtime's manager
// wires them): the client libraries' timers and results are routed to their library; an election
// event is announced, a lost lease exits ("leaderelection lost"), an acquired one starts the
// informers. The component says what differs: its role, its informers, what their changes and its
// own requests' answers mean. Callers pass a state whose clients they own (ownClients).
import type { Ctx } from "../core/component";
import type { Envelope } from "../core/types";
import {
  httpOnMessageInPlace,
  httpOnTimerInPlace,
  type HttpClient,
  type HttpClientConfig,
  type HttpClientTimer,
  type HttpResponse,
  type HttpResult,
} from "../client/http-client";
import {
  informerOnResultInPlace,
  informerOnTimerInPlace,
  startInformersInPlace,
  type Informer,
  type InformerChange,
  type InformerSpec,
  type InformerTimer,
} from "../client/informer";
import {
  electorOnResultInPlace,
  electorOnTimerInPlace,
  type Elector,
  type ElectorConfig,
  type ElectorEvent,
  type ElectorTimer,
} from "../client/leader-election";
import { isLibraryTag, type ElectorTag, type InformerTag, type LibraryTag } from "../client/library-tag";
import { announce } from "./leader-trace";

type Clients = { http: HttpClient<object>; elector: Elector; informers: Readonly<Record<string, Informer>> };
type ClientsConfig = { api: HttpClientConfig; elector: ElectorConfig };
type ClientTimer = HttpClientTimer | InformerTimer | ElectorTimer;
/** The tags of a component's own requests (the client libraries tag theirs with a LibraryTag). */
type OwnTag<S extends Clients> = S["http"] extends HttpClient<infer T> ? Exclude<T, LibraryTag> : never;

/** What a leader-elected component adds. */
type LeaderElected<S extends Clients, C extends ClientsConfig> = {
  /** As the election trace names it ("scheduler"). */
  role: string;
  /** The informers it starts once it leads. */
  informerSpecs: (cfg: C) => readonly InformerSpec[];
  /** Once leading, after its informers have started. */
  onLeading?: (s: S, cfg: C, ctx: Ctx) => void;
  /** An informer's result was applied: `changes` to its store; `justSynced` when this was its first LIST. */
  onInformer: (s: S, cfg: C, name: string, changes: readonly InformerChange[], justSynced: boolean, ctx: Ctx) => S;
  /** The answer to one of its own requests. */
  onResponse: (s: S, cfg: C, r: HttpResponse<OwnTag<S>>, ctx: Ctx) => S;
};

/**
 * The message and timer handlers of the client libraries for one component, built once at module level (so routing an
 * event allocates nothing).
 */
export function leaderElectedClients<S extends Clients, C extends ClientsConfig>(component: LeaderElected<S, C>) {
  function onElectorEvents(s: S, cfg: C, events: readonly ElectorEvent[], ctx: Ctx): S {
    for (const e of events) {
      announce(e, s.elector.identity, cfg.elector, component.role, ctx);
      if (e.kind === "lost") ctx.exit("leaderelection lost");
      if (e.kind !== "acquired") continue;
      s.informers = startInformersInPlace(component.informerSpecs(cfg), s.http, cfg.api, ctx);
      component.onLeading?.(s, cfg, ctx);
    }
    return s;
  }

  /** A result of a client library's own request: the leader elector's or an informer's. */
  function onLibraryResult(s: S, cfg: C, r: HttpResult<LibraryTag>, ctx: Ctx): S {
    if (r.tag.lib === "leader-election") {
      const events = electorOnResultInPlace(s.elector, cfg.elector, s.http, cfg.api, r as HttpResult<ElectorTag>, ctx);
      return onElectorEvents(s, cfg, events, ctx);
    }
    const name = r.tag.informer;
    const inf = s.informers[name];
    if (inf === undefined) return s;
    const wasSynced = inf.synced;
    const changes = informerOnResultInPlace(inf, r as HttpResult<InformerTag>, s.http, cfg.api, ctx);
    return component.onInformer(s, cfg, name, changes, inf.synced && !wasSynced, ctx);
  }

  function onResult(s: S, cfg: C, r: HttpResult<object>, ctx: Ctx): S {
    if (isLibraryTag(r.tag)) return onLibraryResult(s, cfg, r as HttpResult<LibraryTag>, ctx);
    // Any other tag is the component's own (HttpResult does not narrow on its tag by itself).
    return r.kind === "response" ? component.onResponse(s, cfg, r as HttpResponse<OwnTag<S>>, ctx) : s;
  }

  return {
    /** An API answer: each result it completes goes to the library or the component that asked. */
    onMessage(s0: S, cfg: C, env: Envelope, ctx: Ctx): S {
      let s = s0;
      for (const r of httpOnMessageInPlace(s.http, cfg.api, env, ctx)) s = onResult(s, cfg, r, ctx);
      return s;
    },
    /** A client library's timer: a request timed out, an informer retries, or the elector acts. */
    onTimer(s0: S, cfg: C, timer: ClientTimer, ctx: Ctx): S {
      let s = s0;
      switch (timer.lib) {
        case "http":
          for (const r of httpOnTimerInPlace(s.http, timer, ctx)) s = onResult(s, cfg, r, ctx);
          return s;
        case "informer":
          informerOnTimerInPlace(s.informers, timer, s.http, cfg.api, ctx);
          return s;
        case "le":
          return onElectorEvents(
            s,
            cfg,
            electorOnTimerInPlace(s.elector, cfg.elector, s.http, cfg.api, timer, ctx),
            ctx,
          );
      }
    },
  };
}
