import type { Fault } from "@/lib/sim";

// The fault lab keeps its faults in the replay's URL (`faults=<JSON>`), so the link is the share and
// the server re-runs the scenario from it. Every other query key (params, seed, from, claim) stays.

/**
 * The replay URL `href` with `faults` in time order (the key dropped when there are none) and the
 * playhead at `t`, as a path and query. Pure.
 */
export function hrefWithFaults(href: string, faults: readonly Fault[], t: number): string {
  const url = new URL(href);
  const ordered = faults.map((fault, index) => ({ fault, index }));
  ordered.sort((a, b) => a.fault.atMs - b.fault.atMs || a.index - b.index);
  if (ordered.length > 0) url.searchParams.set("faults", JSON.stringify(ordered.map(({ fault }) => fault)));
  else url.searchParams.delete("faults");
  url.searchParams.set("t", String(Math.round(t)));
  return `${url.pathname}${url.search}`;
}
