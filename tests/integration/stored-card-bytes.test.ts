// What a learner's own cards take against the storage quota (lib/data/stored-card-bytes.ts): the
// UTF-8 bytes of each side's source and HTML, counted as a new card is (cardBytesOf), for decks
// the learner owns only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { storedCardBytes } from "@/lib/data/stored-card-bytes";
import { cardBytesOf } from "@/lib/import/storage-quota";

const [owner, other] = [`guest_${"1".repeat(32)}`, `guest_${"2".repeat(32)}`];
const sides = [
  { front: "Was ist ein Pod?", back: "Die kleinste Einheit — größer geht's nicht.", promptHtml: "<p>Pod?</p>" },
  { front: "etcd の役割は？", back: "クラスタの状態を保存する。", promptHtml: "<p>etcd</p>" },
].map((side) => ({ ...side, answerHtml: `<p>${side.back}</p>` }));

describe("storedCardBytes", () => {
  it("counts the UTF-8 bytes of the learner's own cards as a new card is counted, and no one else's", async () => {
    expect(await storedCardBytes(db, owner)).toBe(0);
    for (const [userId, deckId] of [
      [owner, "owner-deck"],
      [other, "other-deck"],
    ] as const) {
      await db.user.create({ data: { id: userId, isGuest: true } });
      await db.deck.create({ data: { id: deckId, title: deckId, description: "", position: 0, ownerId: userId } });
    }
    await db.deck.create({ data: { id: "quorum", title: "Quorum", description: "", position: 0 } });
    const row = (deckId: string, index: number) => {
      const side = sides[index % sides.length]!;
      return {
        id: `${deckId}-${index}`,
        deckId,
        type: "flashcard",
        prompt: side.front,
        answer: side.back,
        promptHtml: side.promptHtml,
        answerHtml: side.answerHtml,
        sources: [],
        tags: [],
        position: index,
        contentHash: `${deckId}-${index}`,
      };
    };
    await db.card.createMany({
      data: [0, 1].flatMap((i) => [row("owner-deck", i), row("other-deck", i), row("quorum", i)]),
    });
    const expected = sides.reduce((sum, side) => sum + cardBytesOf(side), 0);
    const characters = sides.reduce((sum, s) => sum + [s.front, s.back, s.promptHtml, s.answerHtml].join("").length, 0);
    expect(expected).toBeGreaterThan(characters); // bytes, not characters
    expect(await storedCardBytes(db, owner)).toBe(expected);
  });
});
