import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isGitHubEnabled } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/next-path";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function LoginPage(props: Props) {
  const next = safeNextPath((await props.searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <div className="mx-auto max-w-sm space-y-6 py-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-muted">Your progress follows you to any device. What you studied as a guest on this browser comes with you.</p>
      </div>
      <SignInForm next={next} isGitHubEnabled={isGitHubEnabled} />
      <p className="text-sm text-muted">
        New here?{" "}
        <Link href={`/signup?next=${encodeURIComponent(next)}`} className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
