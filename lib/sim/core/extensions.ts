// What the engine core runs but does not define: the component handlers by process kind, which
// messages of each protocol open a connection, the selectors that name a target (`@etcd-leader`), and
// the engine actions on a host's disk. lib/sim/cluster-components/registry.ts installs them when it loads (the
// cluster builders import it), so the core imports no component, API server, etcd or Raft module.
import { fail } from "./assert";
import type { AnyComponent } from "./component";
import type { Draft } from "./draft";
import type { MessageProtocols, Msg } from "./messages";
import type { Outbox } from "./outbox";
import type { Action, HostId, ProcId, World } from "./types";

type DiskAction = Extract<Action, { type: "wipe-disk" | "etcd-restore" }>;

type Extensions = {
  components: readonly AnyComponent[];
  /**
   * Per protocol, whether a message opens a request or connection, so that a down process on a live
   * host answers it with a TCP reset; a protocol not listed (Raft traffic, local events) never does.
   */
  connectionOpeners: { [P in keyof MessageProtocols]?: (body: MessageProtocols[P]) => boolean };
  resolveTarget(w: World, target: string): ProcId | null;
  resolveHost(w: World, host: string): HostId | null;
  diskActions: { [T in DiskAction["type"]]: (d: Draft, action: Extract<DiskAction, { type: T }>, out: Outbox) => void };
};

/** Handlers by Proc.kind: one property lookup per event on the hot path. */
let components: Record<string, AnyComponent> = {};
let installed: Extensions | null = null;

/** Makes `extensions` the ones the engine dispatches to (components/registry.ts, once per load). */
export function installExtensions(extensions: Extensions): void {
  components = Object.fromEntries(extensions.components.map((c) => [c.kind, c]));
  installed = extensions;
}

function current(): Extensions {
  if (installed === null) fail("no components are installed: import lib/sim/cluster-components/registry");
  return installed;
}

export function componentFor(kind: string): AnyComponent {
  const c = components[kind];
  if (c === undefined) fail(`no component handler for kind ${kind}`);
  return c;
}

/** True when the message opens a request or connection (see Extensions.connectionOpeners). */
export function isConnectionOpener(body: Msg): boolean {
  const opens = current().connectionOpeners[body.p] as ((body: Msg) => boolean) | undefined;
  return opens !== undefined && opens(body);
}

export function resolveTarget(w: World, target: string): ProcId | null {
  return current().resolveTarget(w, target);
}

export function resolveHost(w: World, host: string): HostId | null {
  return current().resolveHost(w, host);
}

export function applyDiskAction(d: Draft, action: DiskAction, out: Outbox): void {
  const actions = current().diskActions;
  if (action.type === "wipe-disk") actions["wipe-disk"](d, action, out);
  else actions["etcd-restore"](d, action, out);
}
