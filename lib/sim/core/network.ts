// The network (STYLE G20): a function from (sender host, receiver host) to "delivered after d ms" or
// "lost". Latency is fixed per link rather than drawn per message, which keeps every link FIFO like
// the TCP streams etcd and Kubernetes actually use, while still being configurable per scenario.
// Faults are explicit: partitions between groups of hosts, and per-link drop ratios and extra delay.
import type { Rng } from "./rng";
import type { HostId, Ms } from "./units";

export type LinkFault = { dropPer1000: number; delayMs: number };

export type NetState = {
  /** One-way latency between two different hosts. Same-host (loopback) traffic takes 0 ms. */
  latencyMs: Ms;
  /** Blocked host pairs, as sorted "a|b" keys; a partition blocks every pair across its groups. */
  blocked: string[];
  /** Degraded links, keyed like `blocked`. */
  faults: Record<string, LinkFault>;
  /** Number of entries in `faults`, so a fault-free network is recognised without scanning it. */
  degraded: number;
};

function linkKey(a: HostId, b: HostId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A network with uniform latency and no faults. Pure. */
export function createNet(latencyMs: Ms): NetState {
  return { latencyMs, blocked: [], faults: {}, degraded: 0 };
}

/** Where routeDelay draws from, read only on a lossy link (creating a generator costs an allocation per step). */
export type RngSource = { readonly rng: Rng };

/** Delivery delay for one message, or null when the message is lost. Draws from `src.rng` only on lossy links. */
export function routeDelay(net: NetState, from: HostId, to: HostId, src: RngSource): Ms | null {
  if (from === to) return 0;
  if (net.blocked.length === 0 && net.degraded === 0) return net.latencyMs; // the common case, per message
  const key = linkKey(from, to);
  if (net.blocked.includes(key)) return null;
  const fault = net.faults[key];
  if (fault === undefined) return net.latencyMs;
  if (fault.dropPer1000 > 0 && src.rng.chance({ num: fault.dropPer1000, den: 1000 })) return null;
  return net.latencyMs + fault.delayMs;
}

/**
 * The delay a message would take on the link if it got through: routeDelay without its losses, and
 * without drawing from the PRNG (a tap asks this about lost messages, so it must not draw). Pure.
 */
export function nominalDelay(net: NetState, from: HostId, to: HostId): Ms {
  if (from === to) return 0;
  return net.latencyMs + (net.degraded === 0 ? 0 : (net.faults[linkKey(from, to)]?.delayMs ?? 0));
}

/** Blocks every pair of hosts that are in different groups. Hosts not listed keep their links. Pure. */
export function partitionNet(net: NetState, groups: HostId[][]): NetState {
  const blocked = new Set(net.blocked);
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      for (const a of groups[i] ?? []) for (const b of groups[j] ?? []) blocked.add(linkKey(a, b));
    }
  }
  return { ...net, blocked: [...blocked].sort() };
}

/** Removes all partitions and link faults. Pure. */
export function healNet(net: NetState): NetState {
  return { ...net, blocked: [], faults: {}, degraded: 0 };
}

/** Sets (or clears, with zeros) the fault on one link. Pure. */
export function degradeLink(net: NetState, a: HostId, b: HostId, fault: LinkFault): NetState {
  const faults = { ...net.faults };
  if (fault.dropPer1000 === 0 && fault.delayMs === 0) delete faults[linkKey(a, b)];
  else faults[linkKey(a, b)] = fault;
  return { ...net, faults, degraded: Object.keys(faults).length };
}
