// zod schemas for reading a trace back (from the API, a file or a cache): the trust boundary of
// STYLE G11. Every event must carry t, seq, component, type and message; extra fields are flat
// scalars or string lists.
import { z } from "zod";
import { faultListSchema } from "../faults/schema";
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
    outcome: z.discriminatedUnion("status", [
      z.object({ status: z.literal("completed") }),
      z.object({ status: z.literal("bound-exceeded"), bound: z.string(), atMs: z.number(), message: z.string() }),
    ]),
    stats: z.object({ steps: z.number().int().nonnegative() }),
    raft: raftTapeSchema.optional(),
    faults: faultListSchema.min(1).optional(),
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

export type ParsedTrace = z.infer<typeof traceSchema>;

/** Validates a trace read back from outside the engine; throws a ZodError naming the bad fields. */
export function parseTrace(data: unknown): ParsedTrace {
  return traceSchema.parse(data);
}
