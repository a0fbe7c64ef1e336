import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { minPasswordLength } from "@/lib/auth/password";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/next-path";
import { signUp } from "./actions";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignUpPage(props: Props) {
  const next = safeNextPath((await props.searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <div className="mx-auto max-w-sm space-y-6 py-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Create an account</h1>
        <p className="text-sm text-muted">
          Keep your progress, see how you are doing, and bring your own decks. What you studied as a guest comes with
          you.
        </p>
      </div>
      <SignUpForm action={signUp} next={next} minPasswordLength={minPasswordLength} />
      <p className="text-sm text-muted">
        Already have an account?{" "}
        <Link href={`/login?next=${encodeURIComponent(next)}`} className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
