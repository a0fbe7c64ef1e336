import { runScenario, type Params } from "@/lib/sim";
import { fieldLine, type CardContent, type ContentProblem } from "./load";

// A card that links a replay names the claim it is about (`claim:`), and that claim must be one the
// scenario checks at the card's params: the replay link leads to it. This runs each distinct
// (scenario, params) once, so it lives in content:check and the content test, not in loadContent,
// which the app runs at every start.

/** One problem per card whose `claim` is missing or is not a claim of its scenario's run. */
export function checkCardClaims(cards: readonly CardContent[]): ContentProblem[] {
  const runs = new Map<string, string[]>();
  const claimsOf = (scenario: string, params: Params): string[] => {
    const key = `${scenario}|${JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    let ids = runs.get(key);
    if (ids === undefined) {
      ids = runScenario(scenario, params, 1).claims.map((c) => c.id);
      runs.set(key, ids);
    }
    return ids;
  };
  return cards.flatMap((card): ContentProblem[] => {
    if (!card.scenario) return [];
    const ids = claimsOf(card.scenario, (card.params ?? {}) as Params);
    if (card.claim === undefined) {
      return [
        {
          file: card.file,
          line: fieldLine(card.file, "scenario"),
          field: "claim",
          message:
            `Name the claim this card is about; the ${card.scenario} ` +
            `run at these params checks: ${ids.join(", ")}`,
        },
      ];
    }
    if (ids.includes(card.claim)) return [];
    return [
      {
        file: card.file,
        line: fieldLine(card.file, "claim"),
        field: "claim",
        message: `"${card.claim}" is not a claim of ${card.scenario} at these params; it checks: ${ids.join(", ")}`,
      },
    ];
  });
}
