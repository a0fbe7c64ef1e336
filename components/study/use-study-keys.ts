"use client";

import { useLayoutEffect, useRef } from "react";

type StudyKeyHandlers = {
  /** Space or Enter. */
  onConfirm?: () => void;
  /** 1–9 (grades 1–4 once answered, choices before). */
  onDigit?: (digit: number) => void;
  onUndo?: () => void;
  onBury?: () => void;
  onSuspend?: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) &&
        !/^(checkbox|radio)$/.test((target as HTMLInputElement).type)))
  );
}

/**
 * Anki's keyboard map for a study card: Space/Enter, digits, `u` or Ctrl+Z to undo, `-` to bury,
 * `@` to suspend. A layout effect, so the keys work from the moment the card is on screen.
 */
export function useStudyKeys(handlers: StudyKeyHandlers) {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || isTyping(event.target)) return;
      const h = latest.current;
      const isUndo =
        (event.key === "z" && (event.ctrlKey || event.metaKey)) ||
        (event.key === "u" && !event.ctrlKey && !event.metaKey);
      if (isUndo && h.onUndo) {
        event.preventDefault();
        h.onUndo();
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      const isConfirm = event.key === " " || event.key === "Enter";
      // A focused button or link handles its own Space/Enter, a focused checkbox its own Space.
      const focused = event.target instanceof HTMLElement ? event.target : null;
      if (isConfirm && focused?.closest("button, a")) return;
      if (event.key === " " && focused?.closest("input")) return;
      const action = isConfirm
        ? h.onConfirm
        : event.key === "-"
          ? h.onBury
          : event.key === "@"
            ? h.onSuspend
            : undefined;
      if (action) {
        event.preventDefault();
        action();
      } else if (/^[1-9]$/.test(event.key) && h.onDigit) {
        event.preventDefault();
        h.onDigit(Number(event.key));
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
