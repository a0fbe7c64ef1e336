import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isGitHubEnabled } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/next-path";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[]; from?: string | string[] }> };

export default async function LoginPage(props: Props) {
  const searchParams = await props.searchParams;
  const next = safeNextPath(searchParams.next);
  // Sign-up sends people here when its sign-in failed: the email had an account with another password.
  const isFromSignUp = searchParams.from === "signup";
  if (await getCurrentUser()) redirect(next);
  return (
    <div className="mx-auto max-w-sm space-y-6 py-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-muted">
          Your progress follows you to any device. What you studied as a guest on this browser comes with you.
        </p>
      </div>
      {isFromSignUp ? (
        <p role="status" className="rounded-md border border-line bg-surface p-3 text-sm">
          We could not sign you in with that email and password. If you already have an account with this email, sign in
          with its password here.
        </p>
      ) : null}
      <SignInForm next={next} isGitHubEnabled={isGitHubEnabled} />
      <p className="text-sm text-muted">
        <Link href="/forgot-password" className="font-medium text-accent hover:underline">
          Forgot your password?
        </Link>
      </p>
      <p className="text-sm text-muted">
        New here?{" "}
        <Link href={`/signup?next=${encodeURIComponent(next)}`} className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
