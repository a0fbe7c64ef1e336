import type { Metadata } from "next";
import Link from "next/link";
import { AccountForm } from "@/components/account/account-form";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { ImportForm } from "@/components/account/import-form";
import { Panel } from "@/components/ui/panel";
import { getCurrentUser } from "@/lib/auth/session";
import { importBytesMax, importCardsMax } from "@/lib/import/limits";
import { changeMyEmail, changeMyPassword, deleteMyAccount, importDeck } from "./actions";

export const metadata: Metadata = { title: "Account and data" };

const importMbMax = importBytesMax / (1024 * 1024);

const downloads = [
  {
    href: "/api/export/reviews.csv",
    label: "Review log (CSV)",
    detail:
      "Every review, in the FSRS optimizer's columns: card_id, " +
      "review_time, review_rating, review_state, review_duration.",
  },
  {
    href: "/api/export/cards.txt",
    label: "Cards for Anki (text)",
    detail:
      "Every card you can study, as Anki's “Notes in Plain Text”, with " +
      "decks and tags; Anki updates them on a second import.",
  },
  {
    href: "/api/export/account.json",
    label: "Everything (JSON)",
    detail: "Your account, settings, private decks, card states, reviews and quizzes.",
  },
];

export default async function AccountPage() {
  const user = await getCurrentUser();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Account and data</h1>
        <p className="text-muted">
          {user ? `Signed in as ${user.email ?? user.name}.` : "You are studying as a guest on this browser. "}
          {user ? null : (
            <Link href="/signup?next=/account" className="font-medium text-accent hover:underline">
              Create an account to keep your progress everywhere.
            </Link>
          )}
        </p>
      </div>
      {user ? (
        <Panel title="Sign-in">
          <div className="grid gap-6 sm:grid-cols-2">
            <AccountForm
              action={changeMyPassword}
              id="change-password"
              fields={[
                {
                  name: "currentPassword",
                  label: "Current password",
                  type: "password",
                  autoComplete: "current-password",
                },
                { name: "newPassword", label: "New password", type: "password", autoComplete: "new-password" },
              ]}
              submitLabel="Change password"
            />
            <AccountForm
              action={changeMyEmail}
              id="change-email"
              fields={[
                { name: "email", label: "New email", type: "email", autoComplete: "email" },
                {
                  name: "currentPassword",
                  label: "Current password",
                  type: "password",
                  autoComplete: "current-password",
                },
              ]}
              submitLabel="Change email"
            />
          </div>
        </Panel>
      ) : null}
      <Panel title="Import a deck">
        <p className="text-sm text-muted">
          Anki plain text (tab or comma separated, with or without Anki&apos;s <code>#</code> header lines) or Markdown
          with questions in <code>&lt;details&gt;&lt;summary&gt;</code> blocks. Up to {importMbMax} MB and{" "}
          {importCardsMax.toLocaleString("en-US")} cards a file; a file with any error imports nothing and lists every
          line to fix. The deck is private to you.
        </p>
        <ImportForm action={importDeck} />
      </Panel>
      <Panel title="Export">
        <ul className="space-y-3">
          {downloads.map((download) => (
            <li key={download.href}>
              <a href={download.href} className="font-medium text-accent hover:underline" download>
                {download.label}
              </a>
              <p className="text-sm text-muted">{download.detail}</p>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="Delete">
        <p className="text-sm text-muted">
          {user ? "Deletes your account and everything in it" : "Deletes your guest progress"}: reviews, card states,
          quizzes, settings and imported decks. This cannot be undone; export first if you want a copy.
        </p>
        <DeleteAccountForm action={deleteMyAccount} isSignedIn={user !== null} />
      </Panel>
    </div>
  );
}
