// The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go) as plain data and pure
// functions over virtual time in milliseconds: activeQ ordered by PrioritySort (priority, then queue
// timestamp), backoffQ with exponential backoff (podInitialBackoffSeconds 1 s doubling to
// podMaxBackoffSeconds 10 s), and the unschedulable pool that cluster events or the 5-minute
// leftover flush move back. Simplification: upstream flushes the backoffQ every second; here a pod
// whose backoff has expired is moved when the queue is next popped or flushed, at its exact expiry.
type QueuedPod = {
  key: string;
  priority: number;
  /** podInfo.Timestamp: when the pod last entered the queue; orders equal priorities. */
  timestampMs: number;
  /** Scheduling attempts so far (incremented when popped). */
  attempts: number;
  /** Set while the pod is in the unschedulable pool. */
  unschedulableSinceMs: number | null;
};

type QueueConfig = { initialBackoffMs: number; maxBackoffMs: number; maxInUnschedulableMs: number };

export type SchedulingQueue = {
  config: QueueConfig;
  activeQ: QueuedPod[];
  backoffQ: QueuedPod[];
  unschedulable: QueuedPod[];
};

/** DefaultPodMaxInUnschedulablePodsDuration: 5 minutes. */
const MAX_IN_UNSCHEDULABLE_MS = 5 * 60 * 1000;

/** Pure. Backoff seconds come from KubeSchedulerConfiguration (defaults 1 and 10). */
export function newSchedulingQueue(podInitialBackoffSeconds = 1, podMaxBackoffSeconds = 10): SchedulingQueue {
  return {
    config: {
      initialBackoffMs: podInitialBackoffSeconds * 1000,
      maxBackoffMs: podMaxBackoffSeconds * 1000,
      maxInUnschedulableMs: MAX_IN_UNSCHEDULABLE_MS,
    },
    activeQ: [],
    backoffQ: [],
    unschedulable: [],
  };
}

/** calculateBackoffDuration: initial × 2^(attempts−1), capped at max. Pure. */
export function backoffDurationMs(attempts: number, config: QueueConfig): number {
  let duration = config.initialBackoffMs;
  for (let i = 1; i < attempts; i++) {
    if (duration > config.maxBackoffMs - duration) return config.maxBackoffMs;
    duration += duration;
  }
  return Math.min(duration, config.maxBackoffMs);
}

/** The instant a pod may leave backoff. Pure. */
function backoffExpiryMs(pod: QueuedPod, config: QueueConfig): number {
  return pod.timestampMs + backoffDurationMs(pod.attempts, config);
}

/** PrioritySort.Less: higher priority first, then the earlier queue timestamp, then key for determinism. */
function compareActive(a: QueuedPod, b: QueuedPod): number {
  return b.priority - a.priority || a.timestampMs - b.timestampMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function withActive(queue: SchedulingQueue, pods: QueuedPod[]): SchedulingQueue {
  return { ...queue, activeQ: [...queue.activeQ, ...pods].sort(compareActive) };
}

/** Adds a new pending pod to activeQ. Pure. */
export function addPod(queue: SchedulingQueue, pod: { key: string; priority: number }, nowMs: number): SchedulingQueue {
  return withActive(queue, [
    { key: pod.key, priority: pod.priority, timestampMs: nowMs, attempts: 0, unschedulableSinceMs: null },
  ]);
}

/** Moves backoffQ pods whose backoff expired by `nowMs` to activeQ. Pure. */
function flushBackoffCompleted(queue: SchedulingQueue, nowMs: number): SchedulingQueue {
  const done = queue.backoffQ.filter((p) => backoffExpiryMs(p, queue.config) <= nowMs);
  if (done.length === 0) return queue;
  return withActive({ ...queue, backoffQ: queue.backoffQ.filter((p) => !done.includes(p)) }, done);
}

function moveFromUnschedulable(queue: SchedulingQueue, pods: QueuedPod[], nowMs: number): SchedulingQueue {
  const rest = queue.unschedulable.filter((p) => !pods.includes(p));
  const cleared = pods.map((p) => ({ ...p, unschedulableSinceMs: null }));
  const backingOff = cleared.filter((p) => backoffExpiryMs(p, queue.config) > nowMs);
  const ready = cleared.filter((p) => backoffExpiryMs(p, queue.config) <= nowMs);
  return withActive({ ...queue, unschedulable: rest, backoffQ: [...queue.backoffQ, ...backingOff] }, ready);
}

/** flushUnschedulablePodsLeftover: pods unschedulable for over 5 minutes are retried. Pure. */
export function flushUnschedulableLeftover(queue: SchedulingQueue, nowMs: number): SchedulingQueue {
  const stale = queue.unschedulable.filter(
    (p) => nowMs - (p.unschedulableSinceMs ?? nowMs) > queue.config.maxInUnschedulableMs,
  );
  return stale.length === 0 ? queue : moveFromUnschedulable(queue, stale, nowMs);
}

/** MoveAllToActiveOrBackoffQueue on a cluster event (node added, pod deleted…). Pure. */
export function onClusterEvent(queue: SchedulingQueue, nowMs: number): SchedulingQueue {
  return moveFromUnschedulable(queue, queue.unschedulable, nowMs);
}

/** Pops the next pod to schedule (after moving completed backoffs); attempts is incremented. Pure. */
export function popPod(queue: SchedulingQueue, nowMs: number): { queue: SchedulingQueue; pod: QueuedPod | null } {
  const flushed = flushBackoffCompleted(queue, nowMs);
  const [head, ...rest] = flushed.activeQ;
  if (!head) return { queue: flushed, pod: null };
  return { queue: { ...flushed, activeQ: rest }, pod: { ...head, attempts: head.attempts + 1 } };
}

/**
 * Requeues a pod after a failed attempt: an Unschedulable result parks it in the unschedulable pool;
 * an error sends it to backoffQ. Its timestamp becomes `nowMs`, the start of its backoff. Pure.
 */
export function requeueFailed(
  queue: SchedulingQueue,
  pod: QueuedPod,
  nowMs: number,
  unschedulable: boolean,
): SchedulingQueue {
  const requeued: QueuedPod = { ...pod, timestampMs: nowMs, unschedulableSinceMs: unschedulable ? nowMs : null };
  return unschedulable
    ? { ...queue, unschedulable: [...queue.unschedulable, requeued] }
    : { ...queue, backoffQ: [...queue.backoffQ, requeued] };
}

/** Removes a pod (bound or deleted) from every sub-queue. Pure. */
export function removePod(queue: SchedulingQueue, key: string): SchedulingQueue {
  const keep = (p: QueuedPod) => p.key !== key;
  return {
    ...queue,
    activeQ: queue.activeQ.filter(keep),
    backoffQ: queue.backoffQ.filter(keep),
    unschedulable: queue.unschedulable.filter(keep),
  };
}

/** When the engine should next wake the queue: earliest backoff expiry or leftover flush. Pure. */
export function nextWakeupMs(queue: SchedulingQueue): number | null {
  const times = [
    ...queue.backoffQ.map((p) => backoffExpiryMs(p, queue.config)),
    ...queue.unschedulable.map((p) => (p.unschedulableSinceMs ?? 0) + queue.config.maxInUnschedulableMs + 1),
  ];
  return times.length === 0 ? null : Math.min(...times);
}
