"use client";

import { signOut } from "next-auth/react";

/** Forgets a session that no longer works (next-auth clears its cookie) and starts afresh as a guest. */
export function ContinueAsGuestButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/" })}
      className="rounded-md border border-line px-4 py-2 text-sm font-medium hover:border-accent"
    >
      Continue as a guest
    </button>
  );
}
