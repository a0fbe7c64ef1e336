"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { shortcutsForPath } from "@/lib/ui/shortcuts";

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * "?" opens a list of this page's keyboard shortcuts (GitHub's and Gmail's key); Esc or "?" again
 * closes it. A modal <dialog>: the browser keeps focus inside and gives Esc for free.
 */
export function ShortcutOverlay() {
  const dialog = useRef<HTMLDialogElement>(null);
  const groups = shortcutsForPath(usePathname());

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const element = dialog.current;
      if (!element) return;
      event.preventDefault();
      if (element.open) element.close();
      else element.showModal();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-heading"
      className={
        "m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border " +
        "border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
      }
      onClick={(event) => event.target === dialog.current && dialog.current.close()}
    >
      <div className="max-h-[80dvh] overflow-y-auto p-5">
        <div className="mb-3 flex items-center justify-between gap-3">
          <h2 id="shortcuts-heading" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <button
            type="button"
            className="rounded-md px-2 py-1 text-sm text-muted hover:bg-surface-2 hover:text-fg"
            onClick={() => dialog.current?.close()}
          >
            Close <kbd className="rounded border border-line px-1 font-mono text-xs">Esc</kbd>
          </button>
        </div>
        {groups.map((group) => (
          <section key={group.title} className="mt-4 first:mt-0">
            <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wider text-muted">{group.title}</h3>
            <dl className="divide-y divide-line text-sm">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="flex items-baseline justify-between gap-4 py-1.5">
                  <dt className="flex shrink-0 flex-wrap gap-1">
                    {shortcut.keys.map((key) => (
                      <kbd key={key} className="rounded border border-line bg-surface-2 px-1.5 font-mono text-xs">
                        {key}
                      </kbd>
                    ))}
                  </dt>
                  <dd className="text-right text-muted">{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
