import { notFound } from "next/navigation";
import { ReplayView } from "@/components/sim/replay/replay-view";
import { clock } from "@/lib/clock";
import { runSimulation } from "@/lib/data/simulations";
import { tileTrace } from "@/lib/replay/stress-trace";

// The replay benchmark's page (npm run bench -- replay): a 10,000-event replay to scrub. It exists
// only when the server runs with QUORUM_BENCH_ROUTES=1, as the benchmark starts it.

type Props = { searchParams: Promise<{ events?: string; t?: string }> };

async function noteNothing(): Promise<void> {
  "use server";
}

export default async function ReplayBenchPage(props: Props) {
  if (process.env.QUORUM_BENCH_ROUTES !== "1") notFound();
  const query = await props.searchParams;
  const count = Math.min(50_000, Math.max(100, Number(query.events) || 10_000));
  const run = await runSimulation("etcd-quorum-loss", {}, { learnerId: null, now: clock.now() });
  if (!run.ok) throw new Error(run.message);
  const header = <h1 className="text-xl font-semibold">Replay benchmark: {count} events</h1>;
  return (
    <ReplayView
      trace={tileTrace(run.trace, count)}
      initialT={Number(query.t) || 0}
      focusClaimId={null}
      prediction={null}
      header={header}
      viewKey="bench"
      noteView={noteNothing}
    />
  );
}
