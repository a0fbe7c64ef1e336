import Link from "next/link";
import { ContinueAsGuestButton } from "@/components/auth/continue-as-guest-button";

// Shown (401) when a request carries a session that no longer works: its account was deleted.
export default function Unauthorized() {
  return (
    <section className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <h1 className="text-xl font-semibold">Your session has ended</h1>
      <p className="text-muted">
        The account this browser was signed in to no longer exists, so nothing can be saved for it. Sign in again, or
        carry on as a guest.
      </p>
      <div className="flex justify-center gap-3">
        <Link href="/login" className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg">
          Sign in
        </Link>
        <ContinueAsGuestButton />
      </div>
    </section>
  );
}
