"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/** Below this many CSS pixels per diagram unit the labels get too small to read on a phone. */
const phoneScale = 0.72;

/**
 * The cluster diagram's frame. On a wide screen the diagram scales to fit the frame. On a phone it
 * keeps a legible size instead and the frame pans (swipe or scroll), with a cue that says so until
 * the learner has panned once (touched, wheeled or used keys on it: the opening centring scrolls it
 * too, so a scroll event alone does not count); it opens centred, where the control plane is.
 */
export function PanFrame({
  className,
  contentWidth,
  children,
}: {
  className: string;
  contentWidth: number;
  children: ReactNode;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [hasPanned, setHasPanned] = useState(false);
  const [isPannable, setIsPannable] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => {
      const overflows =
        element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
      setIsPannable(overflows);
      if (overflows && element.scrollLeft === 0) element.scrollLeft = (element.scrollWidth - element.clientWidth) / 2;
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div className={`relative rounded-xl border border-line bg-surface ${className}`}>
      <div
        ref={frame}
        className={
          "h-full w-full overflow-auto overscroll-contain p-1 lg:overflow-hidden [&>svg]:h-auto " +
          "[&>svg]:w-[var(--pan-width)] [&>svg]:max-w-none lg:[&>svg]:h-full lg:[&>svg]:w-full lg:[&>svg]:max-w-full"
        }
        style={{ ["--pan-width" as string]: `${Math.round(contentWidth * phoneScale)}px` }}
        onPointerDown={() => setHasPanned(true)}
        onWheel={() => setHasPanned(true)}
        onKeyDown={() => setHasPanned(true)}
        tabIndex={isPannable ? 0 : undefined}
        role={isPannable ? "region" : undefined}
        aria-label={isPannable ? "Cluster diagram: scroll to pan" : undefined}
      >
        {children}
      </div>
      {isPannable && !hasPanned ? (
        <p
          className={
            "pointer-events-none absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full " +
            "bg-fg/80 px-3 py-1 text-xs whitespace-nowrap text-bg lg:hidden"
          }
          data-testid="pan-cue"
        >
          ↔ Swipe to pan
        </p>
      ) : null}
      {isPannable ? (
        <>
          <span
            className={
              "pointer-events-none absolute inset-y-0 left-0 w-4 " +
              "rounded-l-xl bg-gradient-to-r from-surface lg:hidden"
            }
            aria-hidden="true"
          />
          <span
            className={
              "pointer-events-none absolute inset-y-0 right-0 w-4 " +
              "rounded-r-xl bg-gradient-to-l from-surface lg:hidden"
            }
            aria-hidden="true"
          />
        </>
      ) : null}
    </div>
  );
}
