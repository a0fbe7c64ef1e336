// The clients a leader-elected control-plane component (the scheduler, the controller manager)
// edits in place: its HTTP client, its leader elector and its informers.
import type { Ctx } from "../core/component";
import { httpClientCopy, type HttpClient } from "./http-client";
import type { Informer } from "./informer";
import type { Elector } from "./leader-election";

type WithClients = { http: HttpClient<unknown>; elector: Elector; informers: Record<string, Informer> };

/**
 * The state a handler call edits in place: the run's own (ctx.ownsState, core/draft.ts), else a copy
 * of every container edited in place (the state, its HTTP client, elector and informers), so that the
 * state passed in stays untouched (the pure step()). Messages carry only calls, objects and plain
 * values, never these containers; informer stores and everything else are replaced, not edited.
 */
export function ownClients<S extends WithClients>(s: S, ctx: Ctx): S {
  if (ctx.ownsState === true) return s;
  const informers: Record<string, Informer> = {};
  for (const n of Object.keys(s.informers)) informers[n] = { ...s.informers[n]! };
  return { ...s, http: httpClientCopy(s.http), elector: { ...s.elector }, informers };
}
