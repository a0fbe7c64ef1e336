import type { Metadata } from "next";
import { AccountForm } from "@/components/account/account-form";
import { isMailConfigured } from "@/lib/mail/send-mail";
import { askForPasswordReset } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-sm space-y-6 py-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
        <p className="text-sm text-muted">
          {isMailConfigured()
            ? "Enter your account's email and we will send you a link to choose a new password."
            : "This Quorum server cannot send mail (no SMTP server is " +
              "configured), so it cannot send reset links. Ask whoever runs it."}
        </p>
      </div>
      <AccountForm
        action={askForPasswordReset}
        id="forgot"
        fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email" }]}
        submitLabel="Send reset link"
      />
    </div>
  );
}
