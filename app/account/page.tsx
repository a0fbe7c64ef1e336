import type { Metadata } from "next";
import Link from "next/link";
import { AccountForm } from "@/components/account/account-form";
import { AccountImportForm } from "@/components/account/account-import-form";
import { AnkiPackageExport } from "@/components/account/anki-package-export";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { ImportForm } from "@/components/account/import-form";
import { Panel } from "@/components/ui/panel";
import { getCurrentUser } from "@/lib/auth/session";
import { getExportableDecks } from "@/lib/data/export-anki-package";
import { getLearnerId } from "@/lib/data/learners";
import { importBytesMax, importCardsMax } from "@/lib/import/limits";
import { changeMyEmail, changeMyPassword, deleteMyAccount, importAccount, importDeck } from "./actions";

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
    href: "/api/export/account.json.gz",
    label: "Everything (JSON, gzipped)",
    detail:
      "Everything you studied and set: settings, deck limits, your decks and cards, card states, every review " +
      "(undone ones too), quizzes and mock interviews, replays viewed. Restore it below, as it is.",
  },
];

export default async function AccountPage() {
  const user = await getCurrentUser();
  const decks = await getExportableDecks(await getLearnerId());
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
          An Anki package (<code>.apkg</code> or <code>.colpkg</code>, with each card&apos;s review history and memory
          state; media files are not imported), Anki plain text (tab or comma separated, with or without the{" "}
          <code>#</code> header lines Anki writes) or Markdown with questions in{" "}
          <code>&lt;details&gt;&lt;summary&gt;</code> blocks. Up to {importMbMax} MB and{" "}
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
          <li className="space-y-2">
            <p className="font-medium">Anki package (.apkg)</p>
            <p className="text-sm text-muted">
              A deck with your progress: each card&apos;s schedule, FSRS memory and review history, to go on studying in
              Anki, AnkiDroid or AnkiMobile. In Anki&apos;s import dialog, turn on “Import any learning progress” (off
              by default) to keep it.
            </p>
            <AnkiPackageExport decks={decks} />
          </li>
        </ul>
      </Panel>
      <Panel title="Restore an account">
        <p className="text-sm text-muted">
          An account file from “Everything” (gzipped or unpacked) brings back all it holds, here or on another Quorum,
          for a learner with no study yet: a new account, or a guest right after deleting this one. It is restored whole
          or not at all, and a file that refers to a card this Quorum lacks is refused with the card named. Your sign-in
          stays as it is.
        </p>
        <AccountImportForm action={importAccount} />
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
