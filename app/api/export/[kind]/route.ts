// GET /api/export/<reviews.csv|cards.txt|account.json|account.json.gz> – downloads of the learner's own data
// (the review log for the FSRS optimizer, the cards for Anki, the whole account).
import { clock } from "@/lib/clock";
import { getLearnerId } from "@/lib/data/learners";
import { exportAccountGzip, exportAccountJson } from "@/lib/data/account-export";
import { exportCardsAnki, exportReviewLogCsv } from "@/lib/data/exports";

const exports = {
  "reviews.csv": { type: "text/csv; charset=utf-8", build: exportReviewLogCsv },
  "cards.txt": { type: "text/plain; charset=utf-8", build: exportCardsAnki },
  "account.json": {
    type: "application/json; charset=utf-8",
    build: (learnerId: string) => exportAccountJson(learnerId, clock.now()),
  },
  "account.json.gz": {
    type: "application/gzip",
    build: (learnerId: string) => exportAccountGzip(learnerId, clock.now()),
  },
} as const;

export async function GET(_request: Request, context: { params: Promise<{ kind: string }> }) {
  const { kind } = await context.params;
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
  const entry = Object.hasOwn(exports, kind) ? exports[kind as keyof typeof exports] : undefined;
  if (!entry)
    return Response.json(
      { error: `Unknown export "${kind}"; choose one of: ${Object.keys(exports).join(", ")}` },
      { status: 404 },
    );
  const learnerId = await getLearnerId();
  if (!learnerId)
    return Response.json({ error: "No learner: allow cookies for this site, or sign in." }, { status: 401 });
  const body = await entry.build(learnerId);
  return new Response(body, {
    headers: {
      "content-type": entry.type,
      "content-disposition": `attachment; filename="quorum-${kind}"`,
      "cache-control": "no-store",
    },
  });
}
