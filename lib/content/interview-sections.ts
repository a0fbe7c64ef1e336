// The three interview sections that follow a card's `## Back`: what a strong candidate says first
// (`## Say it in 30 seconds`), the facts an interviewer listens for (`## Key points`) and what they
// ask next (`## Follow-ups`, each optionally linking the card that answers it as `[question](card:<id>)`).

const INTERVIEW_HEADINGS = ["Say it in 30 seconds", "Key points", "Follow-ups"] as const;
const SAY_IT_MAX_WORDS = 80;
export const KEY_POINTS_RANGE = { min: 3, max: 6 } as const;
const FOLLOW_UPS_RANGE = { min: 1, max: 3 } as const;

type FollowUp = { question: string; cardId?: string };
export type InterviewSections = { sayIt: string; keyPoints: string[]; followUps: FollowUp[] };

/**
 * Splits the text after `## Back` into the Back itself and the interview sections.
 * Returns problems in the author's words; never a partial result.
 */
export function splitInterviewSections(
  afterBack: string,
): { back: string; sections?: InterviewSections } | { problem: string } {
  const headings = [...afterBack.matchAll(/^## (.+?)[ \t]*$/gm)];
  if (headings.length === 0) return { back: afterBack.trim() };
  const names = headings.map((heading) => heading[1]!);
  if (names.join("|") !== INTERVIEW_HEADINGS.join("|")) {
    return {
      problem:
        `After '## Back' write exactly ${INTERVIEW_HEADINGS.map((name) => `'## ${name}'`).join(", ")}, ` +
        `in that order (found ${names.map((name) => `'## ${name}'`).join(", ")})`,
    };
  }
  const bodyOf = (index: number) =>
    afterBack
      .slice(headings[index]!.index! + headings[index]![0].length, headings[index + 1]?.index ?? afterBack.length)
      .trim();
  const back = afterBack.slice(0, headings[0]!.index).trim();
  const sayIt = bodyOf(0);
  const words = sayIt.split(/\s+/).filter(Boolean).length;
  if (words === 0) return { problem: "The '## Say it in 30 seconds' section is empty" };
  if (words > SAY_IT_MAX_WORDS)
    return { problem: `'## Say it in 30 seconds' has ${words} words; keep it to ${SAY_IT_MAX_WORDS}` };
  const keyPoints = countedBullets("Key points", bodyOf(1), KEY_POINTS_RANGE);
  if ("problem" in keyPoints) return keyPoints;
  const followUps = countedBullets("Follow-ups", bodyOf(2), FOLLOW_UPS_RANGE);
  if ("problem" in followUps) return followUps;
  return { back, sections: { sayIt, keyPoints: keyPoints.items, followUps: followUps.items.map(parseFollowUp) } };
}

/** A follow-up bullet is a question, or a link `[question](card:<id>)` to the card that answers it. */
function parseFollowUp(item: string): FollowUp {
  const link = /^\[(.+)\]\(card:([a-z0-9]+(?:-[a-z0-9]+)*)\)$/.exec(item);
  return link ? { question: link[1]!.trim(), cardId: link[2]! } : { question: item };
}

/** A section of `- ` bullets, as many as `range` allows; the problem names the section's heading. */
function countedBullets(
  heading: (typeof INTERVIEW_HEADINGS)[number],
  text: string,
  range: { min: number; max: number },
): { items: string[] } | { problem: string } {
  const list = bullets(text);
  if ("problem" in list) return { problem: `'## ${heading}': ${list.problem}` };
  const count = list.items.length;
  if (count < range.min || count > range.max)
    return { problem: `'## ${heading}' has ${count} bullets; give ${range.min}–${range.max}` };
  return list;
}

/** A section that is a flat list of `- ` bullets, each on one line. */
function bullets(text: string): { items: string[] } | { problem: string } {
  const lines = text.split("\n").filter((line) => line.trim());
  const stray = lines.find((line) => !/^- \S/.test(line));
  if (stray !== undefined)
    return { problem: `every line must be a '- ' bullet on one line (found "${stray.trim().slice(0, 60)}")` };
  return { items: lines.map((line) => line.slice(2).trim()) };
}
