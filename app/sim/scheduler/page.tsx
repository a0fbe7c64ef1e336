import type { Metadata } from "next";
import Link from "next/link";
import { SchedulerPlayground } from "@/components/sim/scheduler/scheduler-playground";
import { loadSchedulerPresets } from "./_lib/load-scheduler-presets";
import { scheduleAction } from "./actions";

export const metadata: Metadata = {
  title: "Scheduler playground",
  description:
    "Paste or pick Nodes and a Pod and see what kube-scheduler does: every filter, every score, and the node it picks.",
};

type Props = { searchParams: Promise<{ preset?: string | string[] }> };

export default async function SchedulerPlaygroundPage(props: Props) {
  const { preset: requested } = await props.searchParams;
  const presets = loadSchedulerPresets();
  const found = presets.find((preset) => preset.id === requested);
  const initial = found ?? presets[0]!;
  const notice =
    requested !== undefined && !found
      ? `There is no preset "${String(requested)}". Showing "${initial.name}"; pick another from the list.`
      : null;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/" className="text-sm text-muted hover:text-fg">
          ← Decks
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Scheduler playground</h1>
        <p className="max-w-3xl text-muted">
          Paste or pick Nodes and a Pod, and see what kube-scheduler would do with it: each filter&apos;s verdict, each
          score plugin&apos;s raw, normalized and weighted score, and the node it picks. It runs the same
          upstream-faithful scheduling cycle as <code className="font-mono text-[0.9em]">npm run sim -- schedule</code>.
        </p>
      </div>
      <SchedulerPlayground
        key={initial.id}
        presets={presets}
        initialPresetId={initial.id}
        notice={notice}
        action={scheduleAction}
      />
    </div>
  );
}
