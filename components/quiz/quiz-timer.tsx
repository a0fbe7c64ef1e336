"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The interview's countdown from the time the server said was left, measured on the browser's
 * monotonic clock (a wrong or changed wall clock cannot shorten it); at zero it moves on to the
 * report (the server refuses late answers anyway).
 */
export function QuizTimer({ remainingMs: remainingAtRender, reportHref }: { remainingMs: number; reportHref: string }) {
  const router = useRouter();
  const [remainingMs, setRemainingMs] = useState<number | null>(null);
  useEffect(() => {
    const endsAt = performance.now() + remainingAtRender;
    const tick = () => {
      const left = endsAt - performance.now();
      setRemainingMs(Math.max(0, left));
      if (left <= 0) router.push(reportHref);
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [remainingAtRender, reportHref, router]);
  if (remainingMs === null) return null;
  const seconds = Math.ceil(remainingMs / 1000);
  const label = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <span
      className={
        "rounded-md px-2.5 py-1 font-mono text-sm tabular-nums " +
        `${seconds <= 30 ? "bg-danger/10 text-danger" : "bg-surface-2"}`
      }
      role="timer"
      aria-label={`Time left: ${label}`}
    >
      {label}
    </span>
  );
}
