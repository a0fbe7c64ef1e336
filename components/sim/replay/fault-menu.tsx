"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";
import { faultChoices, targetLabel, type FaultChoice, type FaultTarget } from "@/lib/replay/fault-choices";
import type { Topology, View } from "@/lib/sim";
import type { Fault } from "@/lib/sim";
import { LinkForm, PartitionSetForm, ScaleForm } from "./fault-forms";
import { formatClock } from "./timeline";

type Props = {
  target: FaultTarget;
  /** The diagram element that was picked: the menu opens beside it and gives focus back to it. */
  anchor: Element;
  topology: Topology;
  view: View;
  t: number;
  onApply: (fault: Fault) => void;
  onClose: () => void;
};

const forms = { "partition-set": PartitionSetForm, link: LinkForm, scale: ScaleForm };
const menuWidthPx = 288;
const itemClass =
  "block w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-surface-2 focus-visible:bg-surface-2 " +
  "focus-visible:outline-2 focus-visible:outline-accent";

/** Below the anchor (above it when there is no room), kept inside the window; in page coordinates. */
function placeBeside(anchor: Element): { top: number; left: number } {
  const box = anchor.getBoundingClientRect();
  const left = Math.min(Math.max(8, box.left), window.innerWidth - Math.min(menuWidthPx, window.innerWidth - 16) - 8);
  const below = box.bottom + 6;
  const top = below + 240 > window.innerHeight && box.top > 260 ? Math.max(8, box.top - 246) : below;
  return { top: top + window.scrollY, left: left + window.scrollX };
}

/**
 * The faults that apply to a picked component at the playhead, as a small menu: a button applies
 * one at once, or opens its form (which machines, which link, how many replicas). The arrow keys
 * move between the buttons, Escape or a click elsewhere closes it and focus returns to the diagram.
 */
export function FaultMenu({ target, anchor, topology, view, t, onApply, onClose }: Props) {
  const titleId = useId();
  const menu = useRef<HTMLDivElement>(null);
  const atMs = Math.round(t);
  const [choices] = useState(() => faultChoices(target, topology, view, atMs));
  const [form, setForm] = useState<Extract<FaultChoice, { form: string }> | null>(null);
  // The menu opens only after a click in the browser, so the window can be measured while rendering.
  const [place] = useState(() => placeBeside(anchor));

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>("[data-fault-choice], form :is(input, select)")?.focus();
  }, [form]);
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && !anchor.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [anchor, onClose]);

  function close() {
    onClose();
    if (anchor instanceof SVGElement || anchor instanceof HTMLElement) anchor.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const isField = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (isField) {
      return; // a form's fields keep their keys (use-replay-keys leaves them alone too)
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const items = [...(menu.current?.querySelectorAll<HTMLElement>("[data-fault-choice]") ?? [])];
      const at = items.indexOf(document.activeElement as HTMLElement);
      items[(at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") {
      event.preventDefault(); // the menu's keys, not the player's (use-replay-keys skips prevented events)
    }
  }

  const Form = form ? forms[form.form] : null;
  return createPortal(
    <div
      ref={menu}
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      className="absolute z-50 max-h-[70svh] overflow-y-auto rounded-xl border border-line bg-surface p-2 shadow-lg"
      style={{ top: place.top, left: place.left, width: `min(${menuWidthPx}px, calc(100vw - 16px))` }}
      data-testid="fault-menu"
    >
      <div className="mb-1 flex items-baseline justify-between gap-2 px-2">
        <h2 id={titleId} className="text-sm font-semibold">
          {targetLabel(target)} at {formatClock(atMs)}
        </h2>
        <button type="button" onClick={close} className="text-xs text-muted hover:text-fg">
          Close
        </button>
      </div>
      {Form && form ? (
        <div className="space-y-2 px-2 pb-1">
          <p className="text-sm font-medium">{form.label.replace(/…$/, "")}</p>
          <Form subject={form.subject} atMs={atMs} topology={topology} onApply={onApply} />
        </div>
      ) : choices.length === 0 ? (
        <p className="px-2 pb-1 text-sm text-muted">Nothing here can be broken at this moment.</p>
      ) : (
        <ul className="space-y-0.5">
          {choices.map((choice) => (
            <li key={choice.id}>
              <button
                type="button"
                data-fault-choice
                className={itemClass}
                onClick={() => ("fault" in choice ? onApply(choice.fault) : setForm(choice))}
              >
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>,
    document.body,
  );
}
