"use client";

import { CircleUser } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState } from "react";
import type { CurrentUser } from "@/lib/auth/session";

/**
 * A small menu: account (a guest's import and export), settings, and sign out, or sign in for a
 * guest (beside the menu from the `sm` width up, inside it on a phone).
 */
export function AccountMenu({ user }: { user: CurrentUser | null }) {
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node))
        setIsOpen(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, [isOpen]);

  const itemClass = "block w-full rounded-md px-3 py-2 text-left hover:bg-surface-2";
  const close = () => setIsOpen(false);
  return (
    <div ref={root} className="relative flex items-center">
      <button
        type="button"
        onClick={() => setIsOpen((open) => !open)}
        aria-expanded={isOpen}
        aria-controls={menuId}
        aria-label={user ? `Account: ${user.email ?? user.name ?? "you"}` : "Guest menu"}
        className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-muted hover:text-fg"
      >
        <CircleUser className="size-5" aria-hidden="true" />
        <span className="hidden max-w-40 truncate sm:inline">{user ? (user.name ?? user.email) : "Guest"}</span>
      </button>
      {user ? null : (
        <Link
          href="/login"
          className="hidden rounded-md px-2 py-1.5 text-sm font-medium text-accent hover:underline sm:inline"
        >
          Sign in
        </Link>
      )}
      {isOpen ? (
        <div
          id={menuId}
          className={
            "absolute top-full right-0 z-20 mt-1 w-52 rounded-lg " +
            "border border-line bg-surface p-1 text-sm shadow-lg"
          }
        >
          <Link href="/account" className={itemClass} onClick={close}>
            {user ? "Account and data" : "Import and export"}
          </Link>
          <Link href="/settings" className={itemClass} onClick={close}>
            Settings
          </Link>
          {user ? (
            <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className={itemClass}>
              Sign out
            </button>
          ) : (
            <Link href="/login" className={`${itemClass} sm:hidden`} onClick={close}>
              Sign in
            </Link>
          )}
        </div>
      ) : null}
    </div>
  );
}
