// npm run content:check – validates every file under content/ and prints each problem as
// `file:line: field: message`; exits 1 when there is any.
import { ContentError, formatProblem, loadContent } from "@/lib/content/load";

try {
  const { decks, cards } = loadContent();
  console.log(`content ok: ${decks.length} decks, ${cards.length} cards`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  for (const problem of error.problems) console.error(formatProblem(problem));
  console.error(`\n${error.problems.length} problem(s); nothing was changed.`);
  process.exitCode = 1;
}
