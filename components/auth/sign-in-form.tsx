"use client";

import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { useIsHydrated } from "@/components/ui/use-is-hydrated";

const wrongCredentials = "That email and password do not match an account.";

/** The sentence for next-auth's error code: `WrongCredentials`, or `Throttled:<minutes>` (lib/auth/options.ts). */
function messageFor(error: string | null | undefined): string {
  const throttledMinutes = /^Throttled:(\d+)$/.exec(error ?? "")?.[1];
  if (!throttledMinutes) return wrongCredentials;
  const minutes = Math.max(1, Number(throttledMinutes));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Email and password through next-auth's credentials provider (with its CSRF token); GitHub when configured. */
export function SignInForm({ next, isGitHubEnabled }: { next: string; isGitHubEnabled: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  // Until React runs, a submit would be the browser's own: a page reload that loses the attempt.
  const isHydrated = useIsHydrated();
  const afterSignIn = `/auth/after-sign-in?next=${encodeURIComponent(next)}`;

  // onSubmit rather than a form action: React resets a form after its action, and the email
  // should stay filled in after a failed attempt (only the password is cleared).
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      const result = await signIn("credentials", {
        email: formData.get("email"),
        password: formData.get("password"),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation: /auth/after-sign-in is a route handler that sets cookies and redirects.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(afterSignIn);
        return;
      }
      setError(messageFor(result?.error));
      form.querySelector<HTMLInputElement>('input[name="password"]')!.value = "";
    });
  }

  return (
    <div className="space-y-4">
      <form method="post" onSubmit={submit} className="space-y-4 rounded-xl border border-line bg-surface p-5">
        <Field id="email" label="Email">
          <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
        </Field>
        <Field id="password" label="Password">
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={inputClass}
          />
        </Field>
        <p role="alert" className="text-sm text-danger empty:hidden">
          {error}
        </p>
        <button
          type="submit"
          disabled={isPending || !isHydrated}
          className={
            "w-full rounded-md bg-accent px-4 py-2.5 text-sm font-medium " +
            "text-accent-fg hover:opacity-90 disabled:opacity-60"
          }
        >
          {isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {isGitHubEnabled ? (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl: afterSignIn })}
          className={
            "w-full rounded-md border border-line bg-surface px-4 " + "py-2.5 text-sm font-medium hover:border-accent"
          }
        >
          Sign in with GitHub
        </button>
      ) : null}
    </div>
  );
}
