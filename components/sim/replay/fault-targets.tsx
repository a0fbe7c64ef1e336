"use client";

import type { KeyboardEvent } from "react";
import type { FaultTarget } from "@/lib/replay/fault-choices";
import { targetLabel } from "@/lib/replay/fault-choices";

/** A component's clickable area in a diagram's coordinates: a box (a process row, a machine) or a disc. */
export type TargetShape = FaultTarget &
  ({ x: number; y: number; w: number; h: number } | { cx: number; cy: number; r: number });

/** How a diagram's buttons reach the fault lab: what a click picks, and what is picked now (its menu open). */
export type FaultPicker = {
  pick: (target: FaultTarget, element: Element) => void;
  /** `${kind}:${id}` of the picked component, or null. */
  pickedKey: string | null;
};

export const targetKey = (target: FaultTarget) => `${target.kind}:${target.id}`;

type Props = {
  shapes: TargetShape[];
  /** The playhead, named in each button ("… at 12.3 s"). */
  t: number;
  picker: FaultPicker;
};

/**
 * The components of a diagram as buttons, drawn over the picture (the picture itself stays one image
 * for assistive technology): a click, Enter or Space opens the faults that apply to that component at
 * the playhead. Invisible until hovered or focused, when an outline shows what is picked.
 */
export function FaultTargets({ shapes, t, picker }: Props) {
  const seconds = (t / 1000).toFixed(1);
  const onKeyDown = (target: FaultTarget) => (event: KeyboardEvent<SVGElement>) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation(); // Space would also play the replay (use-replay-keys)
    picker.pick(target, event.currentTarget);
  };
  return (
    <g role="group" aria-label={`Break a component at ${seconds} s`}>
      {shapes.map((shape) => {
        const common = {
          role: "button",
          tabIndex: 0,
          "aria-haspopup": "dialog" as const,
          "aria-expanded": picker.pickedKey === targetKey(shape),
          "aria-label": `Faults for ${targetLabel(shape)} at ${seconds} s`,
          "data-fault-target": shape.id,
          className:
            "cursor-pointer fill-transparent stroke-transparent outline-none hover:stroke-accent " +
            "focus-visible:stroke-accent aria-expanded:stroke-accent",
          strokeWidth: 2.5,
          onClick: (event: { currentTarget: Element }) => picker.pick(shape, event.currentTarget),
          onKeyDown: onKeyDown(shape),
        };
        return "r" in shape ? (
          <circle key={targetKey(shape)} cx={shape.cx} cy={shape.cy} r={shape.r} {...common} />
        ) : (
          <rect key={targetKey(shape)} x={shape.x} y={shape.y} width={shape.w} height={shape.h} rx={6} {...common} />
        );
      })}
    </g>
  );
}
