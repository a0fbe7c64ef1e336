// FitError.Error() (pkg/scheduler/framework/types.go): "0/N nodes are available: <PreFilterMsg>.",
// or a histogram of node reasons sorted as strings ("1 Insufficient cpu, 2 node(s) had untolerated
// taint {…}."), then the PostFilter (preemption) message.
import type { Status } from "@/lib/sim/scheduler-framework/types";

export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/** Go's sort.Strings order is byte order, not locale order. */
function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The histogram part: "<count> <reason>" pairs sorted as strings. Pure. */
function reasonHistogram(statuses: Status[]): string[] {
  const counts = new Map<string, number>();
  for (const status of statuses) for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${count} ${reason}`).sort(byteCompare);
}

/** Pure. `statuses` holds one entry per node, absent nodes included. */
export function fitErrorMessage(
  numAllNodes: number,
  preFilterMessage: string | null,
  statuses: Status[],
  postFilterMessage: string | null,
): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (preFilterMessage) {
    message += ` ${preFilterMessage}.`;
  } else {
    const histogram = reasonHistogram(statuses);
    if (histogram.length > 0) message += ` ${histogram.join(", ")}.`;
  }
  if (postFilterMessage) message += ` ${postFilterMessage}`;
  return message;
}
