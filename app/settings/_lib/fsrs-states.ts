import type { RetentionPlan } from "@/lib/data/retention-plan";
import type { WeightsComparison } from "@/lib/fsrs-optimizer/optimize-weights";

// What the settings page's FSRS actions answer: the figures when the work ran, a message when not.

export type WeightsState =
  { ok: true; action: "optimize" | "evaluate"; comparison: WeightsComparison } | { ok: false; message: string } | null;

export type PlanState = { ok: true; plan: RetentionPlan } | { ok: false; message: string } | null;
