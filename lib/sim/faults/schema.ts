// Faults a learner (or a generator) adds to a run: plain data, validated here at the trust boundary
// (a URL's `faults=` JSON, the CLI's --faults) before checkFaults (check.ts) holds them against the
// cluster of the run. Each fault becomes one or more engine Actions at its time (to-actions.ts).
import { z } from "zod";

/** At most this many faults in one run. */
export const FAULTS_MAX = 20;

/**
 * No fault may be later than this: the longest scenario at its largest parameters runs about 17 min
 * (etcd-outage). checkFaults then holds each fault to the duration of the run it is added to.
 */
export const FAULT_HORIZON_MS = 30 * 60_000;

/** The longest a restarted process stays down, and the largest latency a link fault adds. */
const RESTART_DOWN_MAX_MS = 10 * 60_000;
const LINK_DELAY_MAX_MS = 60_000;

const atMs = z
  .number({ message: "the time must be a number of milliseconds" })
  .int("the time must be a whole number of milliseconds")
  .min(0, "the time cannot be before the run starts (0 ms)")
  .max(FAULT_HORIZON_MS - 1, `the time must be within ${FAULT_HORIZON_MS / 60_000} min of the start`);

/** A process or host id as the trace's topology shows it, e.g. `etcd-2`, `kubelet/node-1`, `cp-1`. */
const componentId = z
  .string()
  .max(80, "a component id is at most 80 characters")
  .regex(/^[A-Za-z0-9][\w./:-]*$/, "not a component id (e.g. etcd-1, kubelet/node-1, cp-1)");

/** A Kubernetes object name (RFC 1123 subdomain, as kubectl accepts it). */
const objectName = z
  .string()
  .max(253, "a Kubernetes name is at most 253 characters")
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "not a Kubernetes object name (lower-case letters, digits, - and .)");

const processFault = <K extends string>(kind: K) =>
  z.strictObject({ atMs, kind: z.literal(kind), target: componentId });

const kubectlFaultParamsSchema = z.discriminatedUnion(
  "command",
  [
    z.strictObject({
      command: z.literal("scale"),
      deployment: objectName,
      replicas: z.number().int("replicas must be a whole number").min(0).max(50, "at most 50 replicas"),
    }),
    z.strictObject({ command: z.literal("rollout-restart"), deployment: objectName }),
    z.strictObject({ command: z.literal("delete-pod"), pod: objectName }),
    z.strictObject({ command: z.literal("cordon"), node: objectName }),
    z.strictObject({ command: z.literal("uncordon"), node: objectName }),
    z.strictObject({ command: z.literal("drain"), node: objectName }),
  ],
  {
    error: "a kubectl fault's command is one of scale, rollout-restart, delete-pod, cordon, uncordon or drain",
  },
);

const FAULT_KIND_NAMES = "stop, crash, restart, power-off, power-on, partition, heal, link or kubectl";

export const faultSchema = z.discriminatedUnion(
  "kind",
  [
    /** The process is stopped on purpose: its supervisor does not restart it. */
    processFault("stop"),
    /** The process is killed: a supervising kubelet restarts it (static pods), with back-off. */
    processFault("crash"),
    /** Stop, then start again after `downMs` (0: at once, like `systemctl restart`). */
    z.strictObject({
      atMs,
      kind: z.literal("restart"),
      target: componentId,
      params: z
        .strictObject({
          downMs: z
            .number()
            .int("downMs must be a whole number of milliseconds")
            .min(0)
            .max(RESTART_DOWN_MAX_MS, `a restart keeps the process down at most ${RESTART_DOWN_MAX_MS / 60_000} min`),
        })
        .optional(),
    }),
    z.strictObject({ atMs, kind: z.literal("power-off"), target: componentId }),
    z.strictObject({ atMs, kind: z.literal("power-on"), target: componentId }),
    /** Hosts in different groups cannot talk; one group is cut off from every other host. */
    z.strictObject({
      atMs,
      kind: z.literal("partition"),
      groups: z
        .array(z.array(componentId).min(1, "a group needs at least one host").max(64), {
          message: "groups must be a list of host lists",
        })
        .min(1, "name at least one group of hosts")
        .max(8, "at most 8 groups"),
    }),
    /** Removes every partition and link fault. */
    z.strictObject({ atMs, kind: z.literal("heal") }),
    /** Adds latency and loss to the link between two hosts (zeros clear it). */
    z.strictObject({
      atMs,
      kind: z.literal("link"),
      targets: z.tuple([componentId, componentId]),
      params: z.strictObject({
        delayMs: z
          .number()
          .int()
          .min(0)
          .max(LINK_DELAY_MAX_MS, `at most ${LINK_DELAY_MAX_MS / 1000} s of delay`),
        dropPer1000: z.number().int().min(0).max(1000, "at most 1000 of 1000 messages can be lost"),
      }),
    }),
    /** A kubectl command, issued by the cluster's kubectl. */
    z.strictObject({ atMs, kind: z.literal("kubectl"), params: kubectlFaultParamsSchema }),
  ],
  { error: `a fault's kind is one of ${FAULT_KIND_NAMES}` },
);

export const faultListSchema = z.array(faultSchema).max(FAULTS_MAX, `at most ${FAULTS_MAX} faults in one run`);

export type Fault = z.infer<typeof faultSchema>;
export type KubectlFaultParams = z.infer<typeof kubectlFaultParamsSchema>;
