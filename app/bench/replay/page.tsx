import { notFound } from "next/navigation";
import { ReplayView } from "@/components/sim/replay/replay-view";
import { runSimulation } from "@/lib/data/simulations";
import { tileTrace } from "@/lib/replay/stress-trace";

// The replay benchmark's page (npm run bench -- replay): a 10,000-event replay to scrub. It exists
// only when the server runs with QUORUM_BENCH_ROUTES=1, as the benchmark starts it.

type Props = { searchParams: Promise<{ events?: string }> };

async function noteNothing(): Promise<void> {
  "use server";
}

export default async function ReplayBenchPage(props: Props) {
  if (process.env.QUORUM_BENCH_ROUTES !== "1") notFound();
  const count = Math.min(50_000, Math.max(100, Number((await props.searchParams).events) || 10_000));
  const run = runSimulation("control-plane-ha", {});
  if (!run.ok) throw new Error(run.message);
  return <ReplayView trace={tileTrace(run.trace, count)} initialT={0} viewKey="bench" noteView={noteNothing} />;
}
