"use client";

import { useEffect, useMemo, type ReactNode } from "react";
import { traceSchema, type Trace } from "@/lib/sim";
import type { Prediction } from "./focus-panel";
import { ReplayPlayer } from "./replay-player";

type Props = {
  trace: unknown;
  initialT: number | undefined;
  focusClaimId: string | null;
  prediction: Prediction | null;
  header: ReactNode;
  viewKey: string;
  noteView: (input: unknown) => Promise<void>;
};

/** Validates the trace the server sent (it is data crossing a boundary), then plays it. */
export function ReplayView({ trace, initialT, focusClaimId, prediction, header, viewKey, noteView }: Props) {
  const parsed = useMemo(() => traceSchema.safeParse(trace), [trace]);
  const scenario = parsed.success ? parsed.data.scenario : null;
  useEffect(() => {
    if (scenario) void noteView({ scenario, key: viewKey });
  }, [scenario, viewKey, noteView]);
  if (!parsed.success) {
    return (
      <p role="alert" className="rounded-xl border border-danger p-4 text-danger">
        This replay could not be read ({parsed.error.issues[0]?.path.join(".")}: {parsed.error.issues[0]?.message}).
        Reload the page; if it happens again, it is a bug in Quorum.
      </p>
    );
  }
  return (
    <ReplayPlayer
      key={viewKey}
      trace={parsed.data as Trace}
      initialT={initialT}
      focusClaimId={focusClaimId}
      prediction={prediction}
      header={header}
    />
  );
}
