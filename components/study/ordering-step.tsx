"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import type { PresentedQuestion } from "@/lib/study/questions";

type Step = Extract<PresentedQuestion, { kind: "ordering" }>["steps"][number];

type Props = { step: Step; index: number; expected: number[] | null };

/** One step of an ordering question: its drag handle, or once checked, whether it is in place. */
export function OrderingStep({ step, index, expected }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: step.id,
  });
  const isChecked = expected !== null;
  const isRight = expected?.[index] === step.id;
  const tone = !isChecked ? "border-line bg-surface" : isRight ? "border-ok bg-ok/10" : "border-danger bg-danger/10";
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={
        "relative flex items-center gap-2 rounded-lg border py-1 pr-2 pl-2.5 " +
        `${tone} ${isDragging ? "z-10 shadow-lg ring-2 ring-accent" : ""}`
      }
      data-step-id={step.id}
    >
      <span className="w-5 shrink-0 text-sm font-semibold tabular-nums text-muted">{index + 1}.</span>
      <span className="prose-card prose-step min-w-0 flex-1 py-1" dangerouslySetInnerHTML={{ __html: step.html }} />
      {isChecked ? (
        <span className={`shrink-0 text-xs font-semibold ${isRight ? "text-ok" : "text-danger"}`}>
          {isRight ? "✓" : `✗ belongs at ${expected.indexOf(step.id) + 1}`}
        </span>
      ) : (
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={`Move step ${index + 1}`}
          className={
            "grid size-9 shrink-0 cursor-grab touch-none place-items-center rounded-md " +
            "text-muted hover:bg-surface-2 hover:text-fg active:cursor-grabbing"
          }
        >
          <GripVertical className="size-4" aria-hidden="true" />
        </button>
      )}
    </li>
  );
}
