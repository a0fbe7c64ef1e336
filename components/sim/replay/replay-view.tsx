"use client";

import { useEffect, useMemo, type ReactNode } from "react";
import { traceSchema, type Trace } from "@/lib/sim";
import type { FaultedRunView } from "./fault-comparison";
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
  /** With faults: what they changed (null without). */
  comparison?: FaultedRunView | null;
};

/** Validates the trace the server sent (it is data crossing a boundary), then plays it. */
export function ReplayView(props: Props) {
  const { trace, initialT, focusClaimId, prediction, header, viewKey, noteView, comparison } = props;
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
      // Another fault list is another run: the player starts afresh (at the URL's playhead).
      key={`${viewKey}|${JSON.stringify(parsed.data.faults ?? [])}`}
      trace={parsed.data as Trace}
      initialT={initialT}
      focusClaimId={focusClaimId}
      prediction={prediction}
      header={header}
      comparison={comparison ?? null}
    />
  );
}
