// Anki cloze deletions `{{c1::answer}}` / `{{c1::answer::hint}}` become one readable card: the
// front hides every deletion as "[...]" (or "[hint]"), the back shows the text with the answers
// in bold. Nested clozes (Anki 2.1.56+) are handled innermost first. Given a cloze number, as an
// Anki package's card `ord` + 1 does, only that deletion is hidden and bolded; the others show
// their text, as on the card Anki makes for that number.

const innermostCloze = /\{\{c(\d+)::((?:(?!\{\{c\d+::)[\s\S])*?)\}\}/;
const clozeCountMax = 1_000;

export function hasCloze(text: string): boolean {
  return innermostCloze.test(text);
}

function splitCloze(body: string): { answer: string; hint?: string } {
  const separator = body.indexOf("::");
  return separator === -1 ? { answer: body } : { answer: body.slice(0, separator), hint: body.slice(separator + 2) };
}

function replaceClozes(
  text: string,
  clozeNumber: number | undefined,
  render: (answer: string, hint: string | undefined) => string,
): string {
  let result = text;
  for (let i = 0; i < clozeCountMax; i += 1) {
    const match = innermostCloze.exec(result);
    if (!match) break;
    const { answer, hint } = splitCloze(match[2] ?? "");
    const isShown = clozeNumber === undefined || Number(match[1]) === clozeNumber;
    const replacement = isShown ? render(answer, hint) : answer;
    result = result.slice(0, match.index) + replacement + result.slice(match.index + match[0].length);
  }
  return result;
}

/** The question side: every deletion (or only number `clozeNumber`) hidden. Input and output are HTML. */
export function clozeFront(html: string, clozeNumber?: number): string {
  return replaceClozes(html, clozeNumber, (_answer, hint) => `[${hint?.trim() ? hint : "..."}]`);
}

/** The answer side: every deletion (or only number `clozeNumber`) shown in bold. Input and output are HTML. */
export function clozeBack(html: string, clozeNumber?: number): string {
  return replaceClozes(html, clozeNumber, (answer) => `<b>${answer}</b>`);
}
