"use client";

import { X } from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useState } from "react";

export type Toast = { message: string; action?: { label: string; onAction: () => void } };

type ShownToast = Toast & { id: number };

const ToastContext = createContext<(toast: Toast) => void>(() => {});

/** How long a toast stays when nobody hovers or focuses it. */
const toastVisibleMs = 8_000;

/**
 * Short notices ("Card buried", with Undo) in one polite live region that is always in the page,
 * so screen readers announce each new toast. Hand-written rather than sonner: sonner inserts an
 * un-nonced <style> element when imported, which our Content-Security-Policy blocks (and the
 * security specs report). One toast at a time: a new one replaces the last.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toast, setToast] = useState<ShownToast | null>(null);
  const [isPaused, setIsPaused] = useState(false);
  const show = useCallback((next: Toast) => setToast((previous) => ({ ...next, id: (previous?.id ?? 0) + 1 })), []);
  const dismiss = useCallback(() => setToast(null), []);

  useEffect(() => {
    if (!toast || isPaused) return;
    const timer = window.setTimeout(dismiss, toastVisibleMs);
    return () => window.clearTimeout(timer);
  }, [toast, isPaused, dismiss]);

  return (
    <ToastContext value={show}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
        onPointerEnter={() => setIsPaused(true)}
        onPointerLeave={() => setIsPaused(false)}
        onFocus={() => setIsPaused(true)}
        onBlur={() => setIsPaused(false)}
      >
        <div aria-live="polite" aria-atomic="true">
          {toast ? (
            <div
              key={toast.id}
              className={
                "pointer-events-auto flex max-w-md items-center gap-3 rounded-lg " +
                "border border-line bg-surface px-4 py-3 text-sm shadow-lg"
              }
              data-testid="toast"
            >
              <p className="min-w-0 flex-1">{toast.message}</p>
              {toast.action ? (
                <button
                  type="button"
                  className="rounded-md px-2 py-1 font-medium text-accent hover:bg-surface-2"
                  onClick={() => {
                    toast.action?.onAction();
                    dismiss();
                  }}
                >
                  {toast.action.label}
                </button>
              ) : null}
              <button
                type="button"
                className="grid size-7 place-items-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
                onClick={dismiss}
                aria-label="Dismiss notification"
              >
                <X className="size-4" aria-hidden="true" />
              </button>
            </div>
          ) : null}
        </div>
      </section>
    </ToastContext>
  );
}

/** Shows a toast (see ToastProvider). */
export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}
