// zod schemas for reading a trace back (from the API, a file or a cache): the trust boundary of
// STYLE G11. Every event must carry t, seq, component, type and message; extra fields are flat
// scalars or string lists.
import { z } from "zod";
import { unpackRaftTape } from "./raft-tape-codec";

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

const traceEventSchema = z
  .object({
    t: z.number().int().nonnegative(),
    seq: z.number().int().nonnegative(),
    component: z.string(),
    type: z.string(),
    message: z.string(),
  })
  .catchall(fieldValue);

const claimSchema = z.object({
  id: z.string(),
  text: z.string(),
  passed: z.boolean(),
  evidence: z.array(z.number().int().nonnegative()),
  detail: z.string(),
});

const procViewSchema = z.object({
  kind: z.string(),
  host: z.string(),
  up: z.boolean(),
  role: z.enum(["leader", "follower", "candidate", "pre-candidate"]).nullable(),
  term: z.number().nullable(),
  commitIndex: z.number().nullable(),
  leading: z.boolean(),
});

const viewSchema = z.object({
  t: z.number(),
  seq: z.number().int(),
  hosts: z.record(z.string(), z.object({ up: z.boolean(), zone: z.string() })),
  procs: z.record(z.string(), procViewSchema),
  nodes: z.record(z.string(), z.object({ ready: z.enum(["True", "False", "Unknown"]), taints: z.array(z.string()) })),
  pods: z.record(
    z.string(),
    z.object({
      node: z.string().nullable(),
      phase: z.enum(["Pending", "Running", "Terminating", "Succeeded", "Failed"]),
      ready: z.boolean(),
      ip: z.string().nullable(),
      restarts: z.number().int(),
      reason: z.string().nullable(),
    }),
  ),
  backends: z.record(z.string(), z.boolean()),
  partitions: z.array(z.string()),
  traffic: z.object({ ok: z.number(), failed: z.number() }).nullable(),
  replicasets: z.record(
    z.string(),
    z.object({ replicas: z.number().int(), revision: z.number().int().nullable(), deployment: z.string().nullable() }),
  ),
  services: z.record(
    z.string(),
    z.object({
      ready: z.number().int(),
      notReady: z.number().int(),
      endpoints: z.array(z.string()),
      terminating: z.array(z.string()),
      records: z.array(z.string()),
    }),
  ),
  pvcs: z.array(z.string()),
  proxies: z.record(
    z.string(),
    z.object({
      mode: z.string(),
      refused: z.boolean(),
      rules: z.number().int(),
      hashEntries: z.number().int(),
      services: z.number().int(),
      endpoints: z.number().int(),
      path: z.array(z.string()),
    }),
  ),
  request: z.object({ request: z.string(), stage: z.string(), user: z.string() }).nullable(),
  hpa: z
    .object({
      name: z.string(),
      replicas: z.number().int(),
      desired: z.number().int(),
      utilization: z.number().int().nullable(),
      target: z.number().int(),
      ready: z.number().int(),
      unready: z.number().int(),
      missing: z.number().int(),
    })
    .optional(),
});

const packedStreams = z.array(z.array(z.number().int()));

/** The packed raft tape (trace/types.ts RaftTape): well-formed when it unpacks (trace/raft-tape-codec.ts). */
export const raftTapeSchema = z
  .object({
    members: z.array(z.string()).min(1),
    tickMs: z.number().int().positive(),
    electionTicks: z.number().int().positive(),
    msgs: packedStreams,
    states: packedStreams,
    logs: packedStreams,
  })
  .superRefine((tape, ctx) => {
    try {
      unpackRaftTape(tape);
    } catch (err) {
      ctx.addIssue({
        code: "custom",
        message: `the raft tape does not unpack: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  });

export const traceSchema = z
  .object({
    engineVersion: z.string(),
    scenario: z.string(),
    title: z.string(),
    params: z.record(z.string(), z.union([z.number(), z.boolean()])),
    seed: z.number().int(),
    durationMs: z.number().int().nonnegative(),
    topology: z.object({
      hosts: z.array(z.object({ id: z.string(), zone: z.string() })),
      processes: z.array(z.object({ id: z.string(), kind: z.string(), host: z.string() })),
    }),
    events: z.array(traceEventSchema),
    claims: z.array(claimSchema),
    checkpoints: z.array(z.object({ seq: z.number().int(), t: z.number(), view: viewSchema })),
    outcome: z.discriminatedUnion("status", [
      z.object({ status: z.literal("completed") }),
      z.object({ status: z.literal("bound-exceeded"), bound: z.string(), atMs: z.number(), message: z.string() }),
    ]),
    stats: z.object({ steps: z.number().int().nonnegative() }),
    raft: raftTapeSchema.optional(),
  })
  .superRefine((trace, ctx) => {
    trace.events.forEach((e, i) => {
      if (e.seq !== i)
        ctx.addIssue({ code: "custom", path: ["events", i, "seq"], message: `event ${i} has seq ${e.seq}` });
      const prev = trace.events[i - 1];
      if (prev !== undefined && e.t < prev.t)
        ctx.addIssue({ code: "custom", path: ["events", i, "t"], message: "events are not in time order" });
    });
    trace.claims.forEach((c, i) => {
      for (const s of c.evidence)
        if (s >= trace.events.length)
          ctx.addIssue({ code: "custom", path: ["claims", i, "evidence"], message: `evidence ${s} is not an event` });
    });
    const etcd = new Set(trace.topology.processes.filter((p) => p.kind === "etcd").map((p) => p.id));
    trace.raft?.members.forEach((id, i) => {
      if (!etcd.has(id))
        ctx.addIssue({
          code: "custom",
          path: ["raft", "members", i],
          message: `${id} is not an etcd process of the topology`,
        });
    });
  });

type ParsedTrace = z.infer<typeof traceSchema>;

/** Validates a trace read back from outside the engine; throws a ZodError naming the bad fields. */
export function parseTrace(data: unknown): ParsedTrace {
  return traceSchema.parse(data);
}
