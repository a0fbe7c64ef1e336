"use client";

import { CircleUser } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState } from "react";
import type { CurrentUser } from "@/lib/auth/session";

/** "Sign in" for a guest; for a signed-in learner, a small menu: account, settings, sign out. */
export function AccountMenu({ user }: { user: CurrentUser | null }) {
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, [isOpen]);

  if (!user) {
    return (
      <>
        <Link href="/settings" className="hidden rounded-md px-2 py-1.5 text-sm text-muted hover:text-fg sm:inline">
          Settings
        </Link>
        <Link href="/login" className="rounded-md px-2 py-1.5 text-sm font-medium text-accent hover:underline">
          Sign in
        </Link>
      </>
    );
  }
  const itemClass = "block w-full rounded-md px-3 py-2 text-left hover:bg-surface-2";
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={() => setIsOpen((open) => !open)}
        aria-expanded={isOpen}
        aria-controls={menuId}
        aria-label={`Account: ${user.email ?? user.name ?? "you"}`}
        className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-muted hover:text-fg"
      >
        <CircleUser className="size-5" aria-hidden="true" />
        <span className="hidden max-w-40 truncate sm:inline">{user.name ?? user.email}</span>
      </button>
      {isOpen ? (
        <div id={menuId} className="absolute right-0 z-20 mt-1 w-48 rounded-lg border border-line bg-surface p-1 text-sm shadow-lg">
          <Link href="/account" className={itemClass} onClick={() => setIsOpen(false)}>
            Account and data
          </Link>
          <Link href="/settings" className={itemClass} onClick={() => setIsOpen(false)}>
            Settings
          </Link>
          <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className={itemClass}>
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
