import { describe, expect, it } from "vitest";
import {
  addPod,
  backoffDurationMs,
  newSchedulingQueue,
  nextWakeupMs,
  onClusterEvent,
  popPod,
  requeueFailed,
  flushUnschedulableLeftover,
  removePod,
} from "@/lib/sim/scheduler-framework/queue";

describe("scheduling queue (scheduling_queue.go)", () => {
  it("backs off 1 s, 2 s, 4 s, 8 s, then caps at 10 s (calculateBackoffDuration)", () => {
    const { config } = newSchedulingQueue();
    expect([1, 2, 3, 4, 5, 6].map((attempts) => backoffDurationMs(attempts, config))).toEqual([
      1000, 2000, 4000, 8000, 10000, 10000,
    ]);
  });

  it("pops by priority, then by queue time (PrioritySort)", () => {
    let queue = newSchedulingQueue();
    queue = addPod(queue, { key: "low", priority: 0 }, 0);
    queue = addPod(queue, { key: "high", priority: 100 }, 5);
    queue = addPod(queue, { key: "low-later", priority: 0 }, 3);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const popped = popPod(queue, 10);
      queue = popped.queue;
      order.push(popped.pod?.key ?? "");
    }
    expect(order).toEqual(["high", "low", "low-later"]);
    expect(popPod(queue, 10).pod).toBeNull();
  });

  it("an errored pod waits out its backoff before it can be popped again", () => {
    let queue = addPod(newSchedulingQueue(), { key: "p", priority: 0 }, 0);
    const first = popPod(queue, 0);
    expect(first.pod?.attempts).toBe(1);
    queue = requeueFailed(first.queue, first.pod!, 500, false);
    expect(nextWakeupMs(queue)).toBe(1500);
    expect(popPod(queue, 1499).pod).toBeNull();
    const second = popPod(queue, 1500);
    expect(second.pod?.key).toBe("p");
    expect(second.pod?.attempts).toBe(2);
  });

  it("an unschedulable pod waits for a cluster event, then goes to backoff or active", () => {
    let queue = addPod(newSchedulingQueue(), { key: "p", priority: 0 }, 0);
    const popped = popPod(queue, 0);
    queue = requeueFailed(popped.queue, popped.pod!, 100, true);
    expect(popPod(queue, 60_000).pod).toBeNull();
    const early = onClusterEvent(queue, 600);
    expect(early.backoffQ.map((p) => p.key)).toEqual(["p"]);
    const late = onClusterEvent(queue, 2_000);
    expect(late.activeQ.map((p) => p.key)).toEqual(["p"]);
  });

  it("flushes pods left unschedulable for over 5 minutes", () => {
    let queue = addPod(newSchedulingQueue(), { key: "p", priority: 0 }, 0);
    const popped = popPod(queue, 0);
    queue = requeueFailed(popped.queue, popped.pod!, 0, true);
    expect(flushUnschedulableLeftover(queue, 300_000).unschedulable).toHaveLength(1);
    expect(flushUnschedulableLeftover(queue, 300_001).activeQ.map((p) => p.key)).toEqual(["p"]);
    expect(removePod(queue, "p").unschedulable).toEqual([]);
  });
});
