"use client";

import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useId } from "react";
import type { PresentedQuestion } from "@/lib/study/questions";
import { OrderingStep } from "./ordering-step";

type Steps = Extract<PresentedQuestion, { kind: "ordering" }>["steps"];

type Props = {
  steps: Steps;
  onMove: (from: number, to: number) => void;
  /** After checking: the step ids in the right order. */
  expected: number[] | null;
};

/**
 * Steps to put in order by dragging their handles (mouse or touch), or from the keyboard with
 * dnd-kit's sortable keys: Space lifts a step, ↑/↓ move it, Space drops it, Esc puts it back.
 * Marked once checked.
 */
export function OrderingQuestion({ steps, onMove, expected }: Props) {
  const ids = steps.map((step) => step.id);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const position = (id: string | number) => ids.indexOf(Number(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up step ${position(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `Step ${position(active.id)} is over position ${position(over.id)}.`
        : `Step ${position(active.id)} is no longer over a position.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Dropped step ${position(active.id)} at position ${position(over.id)}.`
        : `Dropped step ${position(active.id)}.`,
    onDragCancel: ({ active }) => `Put step ${position(active.id)} back.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onMove(position(active.id) - 1, position(over.id) - 1);
  };
  const isChecked = expected !== null;
  return (
    <div>
      <p className="mb-2 text-sm text-muted" id="ordering-instructions">
        {isChecked
          ? "Your order:"
          : "Put the steps in order: drag a step by its handle, or focus the handle and press Space, ↑/↓, Space."}
      </p>
      <DndContext
        id={useId()}
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To pick up a step, press Space. Move it with the arrow keys, " +
              "press Space again to drop it, or Escape to cancel.",
          },
        }}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={isChecked}>
          <ol className="space-y-1.5">
            {steps.map((step, index) => (
              <OrderingStep key={step.id} step={step} index={index} expected={expected} />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </div>
  );
}
