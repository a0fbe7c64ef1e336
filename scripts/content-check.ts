// npm run content:check – validates every file under content/ and prints each problem as
// `file:line: field: message`; exits 1 when there is any. Besides the front matter and bodies it
// runs each card's replay to check the claim the card names (lib/content/check-claims.ts).
import { checkCardClaims } from "@/lib/content/check-claims";
import { ContentError, formatProblem, loadContent } from "@/lib/content/load";

try {
  const { decks, cards } = loadContent();
  const problems = checkCardClaims(cards);
  if (problems.length > 0) throw new ContentError(problems);
  console.log(`content ok: ${decks.length} decks, ${cards.length} cards`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  for (const problem of error.problems) console.error(formatProblem(problem));
  console.error(`\n${error.problems.length} problem(s); nothing was changed.`);
  process.exitCode = 1;
}
