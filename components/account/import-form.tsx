"use client";

import Link from "next/link";
import { useActionState } from "react";
import { inputClass } from "@/components/settings/field";
import type { ImportState } from "@/lib/validations/account";

const shownMax = 50;

/** Upload a file; the result says how many cards came in and, for a rejected file, every line to fix. */
export function ImportForm({ action }: { action: (state: ImportState, formData: FormData) => Promise<ImportState> }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5 sm:col-span-2">
          <label htmlFor="file" className="block text-sm font-medium">
            File
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".apkg,.colpkg,.txt,.tsv,.csv,.md,.markdown,text/plain,text/csv,text/markdown"
            required
            className={
              "block w-full text-sm file:mr-3 file:rounded-md file:border " +
              "file:border-line file:bg-surface-2 file:px-3 file:py-1.5 file:text-sm"
            }
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="format" className="block text-sm font-medium">
            Format
          </label>
          <select id="format" name="format" defaultValue="auto" className={inputClass}>
            <option value="auto">Detect from the file</option>
            <option value="anki">Anki plain text</option>
            <option value="markdown">Markdown Q&amp;A</option>
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="deckName" className="block text-sm font-medium">
            Deck name (optional)
          </label>
          <input id="deckName" name="deckName" maxLength={120} placeholder="From the file" className={inputClass} />
        </div>
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={isPending}
            className={
              "rounded-md bg-accent px-4 py-2 text-sm font-medium " +
              "text-accent-fg hover:opacity-90 disabled:opacity-60"
            }
          >
            {isPending ? "Importing…" : "Import"}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {state?.ok ? (
          <p role="status" className="text-sm">
            Imported {state.imported} card{state.imported === 1 ? "" : "s"} into <strong>{state.deckName}</strong>
            {state.skipped.length ? `, skipped ${state.skipped.length}` : ""}.{" "}
            <Link href={`/study/${state.deckId}`} className="font-medium text-accent hover:underline">
              Study it now
            </Link>
          </p>
        ) : null}
        {state && !state.ok ? (
          <div role="alert" className="space-y-2 text-sm">
            <p className="font-medium text-danger">{state.message}</p>
            {state.errors.length ? (
              <ul className="max-h-60 list-disc space-y-0.5 overflow-y-auto pl-5 font-mono text-xs">
                {state.errors.slice(0, shownMax).map((error) => (
                  <li key={`${error.line}:${error.message}`}>
                    {error.line ? `line ${error.line}: ` : ""}
                    {error.message}
                  </li>
                ))}
                {state.errors.length > shownMax ? <li>… and {state.errors.length - shownMax} more</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
        {state?.skipped.length ? (
          <details className="mt-2 text-sm text-muted">
            <summary className="cursor-pointer">Skipped lines ({state.skipped.length})</summary>
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">
              {state.skipped.slice(0, shownMax).map((item) => (
                <li key={`${item.line}:${item.reason}`}>
                  line {item.line}: {item.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </div>
  );
}
