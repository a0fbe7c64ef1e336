"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, fileInputClass, inputClass } from "@/components/ui/field";
import { InputField } from "@/components/ui/input-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { problemsShownMax, RefusedFileAlert } from "./refused-file-alert";
import type { ImportState } from "@/lib/validations/account";

/** Upload a file; the result says how many cards came in and, for a rejected file, every line to fix. */
export function ImportForm({ action }: { action: (state: ImportState, formData: FormData) => Promise<ImportState> }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-3 sm:grid-cols-2">
        <Field id="file" label="File" hasErrorRegion={false} className="space-y-1.5 sm:col-span-2">
          <input
            id="file"
            name="file"
            type="file"
            accept=".apkg,.colpkg,.txt,.tsv,.csv,.md,.markdown,text/plain,text/csv,text/markdown"
            required
            className={fileInputClass}
          />
        </Field>
        <Field id="format" label="Format" hasErrorRegion={false}>
          <select id="format" name="format" defaultValue="auto" className={inputClass}>
            <option value="auto">Detect from the file</option>
            <option value="anki">Anki plain text</option>
            <option value="markdown">Markdown Q&amp;A</option>
          </select>
        </Field>
        <InputField id="deckName" label="Deck name (optional)" maxLength={120} placeholder="From the file" />
        <div className="sm:col-span-2">
          <SubmitButton isPending={isPending}>{isPending ? "Importing…" : "Import"}</SubmitButton>
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
          <RefusedFileAlert
            message={state.message}
            problems={state.errors.map((error) => `${error.line ? `line ${error.line}: ` : ""}${error.message}`)}
          />
        ) : null}
        {state?.skipped.length ? (
          <details className="mt-2 text-sm text-muted">
            <summary className="cursor-pointer">Skipped lines ({state.skipped.length})</summary>
            <ul className="mt-1 list-disc pl-5 font-mono text-xs">
              {state.skipped.slice(0, problemsShownMax).map((item) => (
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
