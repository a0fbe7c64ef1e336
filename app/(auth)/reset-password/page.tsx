import type { Metadata } from "next";
import Link from "next/link";
import { AccountForm } from "@/components/account/account-form";
import { resetPassword } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function ResetPasswordPage(props: Props) {
  const { token } = await props.searchParams;
  return (
    <div className="mx-auto max-w-sm space-y-6 py-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
        <p className="text-sm text-muted">
          At least ten characters that are hard to guess. Then{" "}
          <Link href="/login" className="font-medium text-accent hover:underline">
            sign in
          </Link>{" "}
          with it.
        </p>
      </div>
      <AccountForm
        action={resetPassword}
        id="reset"
        hidden={{ token: typeof token === "string" ? token : "" }}
        fields={[{ name: "password", label: "New password", type: "password", autoComplete: "new-password" }]}
        submitLabel="Set new password"
      />
    </div>
  );
}
