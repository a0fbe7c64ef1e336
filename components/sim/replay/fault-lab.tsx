"use client";

import { FaultComparison, type FaultedRunView } from "./fault-comparison";
import type { Fault } from "@/lib/sim";
import type { Topology, View } from "@/lib/sim";
import { FaultList } from "./fault-list";
import { FaultMenu } from "./fault-menu";
import { targetKey } from "./fault-targets";
import type { useFaultLab } from "./use-fault-lab";

type Props = {
  lab: ReturnType<typeof useFaultLab>;
  faults: readonly Fault[];
  /** With faults: what they changed (null without). */
  comparison: FaultedRunView | null;
  topology: Topology;
  view: View;
  t: number;
  isPlaying: boolean;
  onSeek: (t: number) => void;
};

/** Under the player: the faults of this run, the menu of a picked component, and what the faults changed. */
export function FaultLab({ lab, faults, comparison, topology, view, t, isPlaying, onSeek }: Props) {
  return (
    <div className="space-y-3">
      <FaultList
        faults={faults}
        isPlaying={isPlaying}
        isPending={lab.isPending}
        isFull={lab.isFull}
        onSeek={onSeek}
        onRemove={lab.remove}
      />
      {comparison ? <FaultComparison faulted={comparison} onSeek={onSeek} /> : null}
      {lab.picked && !isPlaying ? (
        <FaultMenu
          key={`${targetKey(lab.picked.target)}:${t}`}
          target={lab.picked.target}
          anchor={lab.picked.anchor}
          topology={topology}
          view={view}
          t={t}
          onApply={lab.add}
          onClose={lab.close}
        />
      ) : null}
    </div>
  );
}
