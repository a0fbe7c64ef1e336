import { z } from "zod";
import type { Code } from "@/lib/sim/scheduler-framework";

/** Per editor. Far above any real example, far below Next's 1 MB server-action body limit for all five fields. */
export const SCHEDULE_FIELD_LIMIT_BYTES = 64 * 1024;

const SCHEDULE_SEED_MAX = 2 ** 32 - 1;

/** The editors, with the names errors and messages use for them. */
export const scheduleFieldLabels = {
  nodes: "Nodes",
  pod: "Pod",
  pods: "Existing pods",
  config: "Scheduler configuration",
  seed: "Tie-break seed",
} as const;

export type ScheduleField = keyof typeof scheduleFieldLabels;

const encoder = new TextEncoder();

function formatKilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function manifestText(field: ScheduleField, options: { isRequired: boolean; emptyMessage?: string }) {
  const label = scheduleFieldLabels[field];
  return z
    .string()
    .optional()
    .transform((text) => text ?? "")
    .superRefine((text, ctx) => {
      const bytes = encoder.encode(text).length;
      if (bytes > SCHEDULE_FIELD_LIMIT_BYTES) {
        ctx.addIssue({
          code: "custom",
          message:
            `${label} is ${formatKilobytes(bytes)}; the limit is ` +
            `${SCHEDULE_FIELD_LIMIT_BYTES / 1024} KB per editor.`,
        });
      } else if (options.isRequired && text.trim() === "") {
        ctx.addIssue({ code: "custom", message: options.emptyMessage ?? `${label} is empty.` });
      }
    });
}

const seedMessage = `${scheduleFieldLabels.seed} is a whole number from 0 to ${SCHEDULE_SEED_MAX}.`;

// The playground form. YAML itself is checked by lib/sim's parsers, whose errors name the document and field.
export const scheduleInputSchema = z.object({
  nodes: manifestText("nodes", {
    isRequired: true,
    emptyMessage: "Nodes is empty: paste a NodeList, a List of Nodes, or Node documents.",
  }),
  pod: manifestText("pod", { isRequired: true, emptyMessage: "Pod is empty: paste the one Pod to schedule." }),
  pods: manifestText("pods", { isRequired: false }),
  config: manifestText("config", { isRequired: false }),
  seed: z
    .string({ error: seedMessage })
    .trim()
    .regex(/^\d{1,10}$/, seedMessage)
    .transform(Number)
    .refine((seed) => seed <= SCHEDULE_SEED_MAX, seedMessage),
});

/** What the editors hold, echoed back so a submission without JavaScript keeps the text. */
export type ScheduleValues = Record<ScheduleField, string>;

export type ScheduleErrors = Partial<Record<ScheduleField, string[]>>;

export type FilterCell = { code: Code; reasons: string[] };

export type ScoreCell = { raw: number; normalized: number; weighted: number };

/**
 * One node's row. `filters` and `scores` line up with the result's filterPlugins and scorePlugins;
 * null means the plugin did not run on this node (an earlier filter rejected it, or it was not scored).
 */
export type NodeRow = {
  name: string;
  outcome: "selected" | "feasible" | "filtered" | "not-evaluated";
  filters: (FilterCell | null)[];
  scores: (ScoreCell | null)[];
  total: number | null;
  isTied: boolean;
};

/** One scheduling cycle, shaped for the playground's table: rows sorted by total, filtered-out nodes last. */
export type ScheduleResultView = {
  pod: string;
  profile: string;
  selectedNode: string | null;
  /** Upstream's "0/N nodes are available: …" when no node fits. */
  message: string | null;
  /** The top-scoring nodes when more than one tied, in the scheduler's node order; else empty. */
  tiedNodes: string[];
  seed: number;
  scoringSkipped: boolean;
  preScoreSkipped: string[];
  preemptionCandidates: string[];
  nodeCount: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  filterPlugins: string[];
  scorePlugins: { plugin: string; weight: number }[];
  rows: NodeRow[];
  warnings: string[];
};

/** What the schedule action answers: nothing yet, the fields to fix, or the result. */
export type ScheduleState =
  | { kind: "invalid"; values: ScheduleValues; errors: ScheduleErrors; message: string }
  | { kind: "scheduled"; values: ScheduleValues; result: ScheduleResultView }
  | null;
