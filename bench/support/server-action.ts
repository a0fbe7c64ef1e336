import { readFileSync } from "node:fs";

// Calls a server action over HTTP as React's client does: the action's id in the Next-Action
// header, and the arguments encoded as React's encodeReply encodes (prevState, formData): the
// root row "0" references the FormData as "$K1", whose fields are sent prefixed "_1_".

type ManifestEntry = { filename?: string; exportedName?: string };

/** The id of an exported action, read from the production build's server reference manifest. */
export function findActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename?.endsWith(file),
  );
  if (!entry)
    throw new Error(`no server action ${exportedName} in ${file} in .next/server/server-reference-manifest.json`);
  return entry[0];
}

/** A Good grade (rating 3) of a card at version 0, shown 5 s ago: the form submitGrade receives. */
export function goodGradeForm(card: { cardId: string; deckId: string }): Record<string, string> {
  return { cardId: card.cardId, deckId: card.deckId, rating: "3", version: "0", shownAt: String(Date.now() - 5_000) };
}

/** Posts (null, form) to the action; the response is React's flight text. */
export async function postAction(
  url: string,
  actionId: string,
  cookie: string,
  form: Record<string, string | Blob>,
): Promise<{ status: number; body: string }> {
  const body = new FormData();
  for (const [key, value] of Object.entries(form)) body.append(`_1_${key}`, value);
  body.append("0", JSON.stringify([null, "$K1"])); // last, as React sends it: the server reads the fields in order
  const response = await fetch(url, {
    method: "POST",
    headers: { cookie, "next-action": actionId, accept: "text/x-component" },
    body,
  });
  return { status: response.status, body: await response.text() };
}
