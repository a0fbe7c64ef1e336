// GET /api/export/<reviews.csv|cards.txt|deck.apkg|account.json|account.json.gz> – downloads of the learner's
// own data (the review log for the FSRS optimizer, the cards for Anki as text or as a package with their
// progress, the whole account). deck.apkg takes ?deck=<id> for one deck; without it, every deck.
import { clock } from "@/lib/clock";
import { exportAnkiPackage } from "@/lib/data/export-anki-package";
import { getLearnerId } from "@/lib/data/learners";
import { exportAccountGzip, exportAccountJson } from "@/lib/data/account-export";
import { exportCardsAnki, exportReviewLogCsv } from "@/lib/data/exports";
import { refusalResponse, type HeavyRefusal } from "@/lib/pool/heavy-job";

type Build = (learnerId: string, url: URL) => Promise<string | Uint8Array<ArrayBuffer> | HeavyRefusal | null>;

const exports: Record<string, { type: string; build: Build }> = {
  "reviews.csv": { type: "text/csv; charset=utf-8", build: exportReviewLogCsv },
  "cards.txt": { type: "text/plain; charset=utf-8", build: exportCardsAnki },
  "deck.apkg": {
    type: "application/octet-stream",
    build: async (learnerId, url) => {
      const built = await exportAnkiPackage(learnerId, url.searchParams.get("deck") || null, clock.now());
      if (!built) return null;
      return built.ok ? new Uint8Array(built.value) : built;
    },
  },
  "account.json": {
    type: "application/json; charset=utf-8",
    build: (learnerId: string) => exportAccountJson(learnerId, clock.now()),
  },
  "account.json.gz": {
    type: "application/gzip",
    build: (learnerId: string) => exportAccountGzip(learnerId, clock.now()),
  },
};

export async function GET(request: Request, context: { params: Promise<{ kind: string }> }) {
  const { kind } = await context.params;
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
  const entry = Object.hasOwn(exports, kind) ? exports[kind] : undefined;
  if (!entry)
    return Response.json(
      { error: `Unknown export "${kind}"; choose one of: ${Object.keys(exports).join(", ")}` },
      { status: 404 },
    );
  const learnerId = await getLearnerId();
  if (!learnerId)
    return Response.json({ error: "No learner: allow cookies for this site, or sign in." }, { status: 401 });
  const body = await entry.build(learnerId, new URL(request.url));
  if (body === null) return Response.json({ error: "There is no such deck to export." }, { status: 404 });
  if (typeof body === "object" && "ok" in body) return refusalResponse(body);
  return new Response(body, {
    headers: {
      "content-type": entry.type,
      "content-disposition": `attachment; filename="quorum-${kind}"`,
      "cache-control": "no-store",
    },
  });
}
