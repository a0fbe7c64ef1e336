"use client";

import { useState, useTransition } from "react";
import { useStudyKeys } from "./use-study-keys";

/** "Undo last grade" where there is no card on screen (the deck is done); also on `u` and Ctrl+Z. */
export function UndoButton({ undoGrade }: { undoGrade: () => Promise<{ ok: false; message: string }> }) {
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const undo = () => startTransition(async () => setMessage((await undoGrade()).message));
  useStudyKeys({ onUndo: undo });
  return (
    <div className="mt-3 space-y-2">
      <button
        type="button"
        onClick={undo}
        disabled={isPending}
        className="text-sm text-muted underline-offset-4 hover:text-fg hover:underline"
      >
        Undo last grade
      </button>
      {message ? (
        <p role="alert" className="text-sm text-danger">
          {message}
        </p>
      ) : null}
    </div>
  );
}
