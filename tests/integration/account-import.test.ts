// Importing an account file: what it refuses (all of the file, with every problem named) and what
// it never trusts (the file's HTML).
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import { db } from "@/lib/db";
import { gzipSync } from "node:zlib";
import { exportAccountGzip, exportAccountJson } from "@/lib/data/account-export";
import { importAccountFile } from "@/lib/data/account-import";
import { ensureGuestLearner } from "@/lib/data/learners";
import { createOwnCard } from "@/lib/data/own-cards";
import { createOwnDeck } from "@/lib/data/own-decks";
import { recordReview } from "@/lib/data/reviews";
import { defaultStudySettings } from "@/lib/data/settings";
import { Rating } from "@/lib/srs/schedule";
import { ownCardInputSchema } from "@/lib/validations/own-cards";
import { cardFile, createContentFixture, deckFile } from "../helpers/content-fixture";
import { snapshotAccount } from "../helpers/account-snapshot";

const settings = { ...defaultStudySettings, enableFuzz: false };
const now = new Date("2026-03-02T10:00:00Z");
let learners = 0;
const newLearner = async () => {
  const id = `guest_${(++learners).toString(16).padStart(32, "a")}`;
  await ensureGuestLearner(id);
  return id;
};
const importText = (learnerId: string, text: string) =>
  importAccountFile({ learnerId, bytes: new TextEncoder().encode(text), now });

/** A small account's file: one own card, one review of a content card and one of the own card. */
async function smallAccountFile(): Promise<{ learnerId: string; file: string }> {
  const learnerId = await newLearner();
  const deck = await createOwnDeck(learnerId, "Mine");
  if (!deck.ok) throw new Error(deck.message);
  const input = ownCardInputSchema.parse({
    deckId: deck.deckId,
    front: "What is **etcd**?",
    back: "A store.",
    tags: "",
  });
  const card = await createOwnCard(learnerId, input);
  if (!card.ok) throw new Error(card.message);
  await recordReview({ learnerId, cardId: "k1", rating: Rating.Good, version: 0, now, settings });
  await recordReview({ learnerId, cardId: card.cardId, rating: Rating.Good, version: 0, now, settings });
  return { learnerId, file: await exportAccountJson(learnerId, now) };
}

beforeAll(async () => {
  const fixture = createContentFixture();
  fixture.write("decks/01-k.md", deckFile("kilo"));
  fixture.write("cards/kilo/k1.md", cardFile({ id: "k1", deck: "kilo" }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
});

describe("importing an account file", () => {
  it("goes into a second account while the first still exists, and then refuses a second import", async () => {
    const { learnerId, file } = await smallAccountFile();
    const target = await newLearner();
    const gzipped = await exportAccountGzip(learnerId, now);
    expect(gzipped.byteLength).toBeLessThan(file.length / 2);
    expect(await importAccountFile({ learnerId: target, bytes: gzipped, now })).toMatchObject({
      ok: true,
      restored: { cards: 1, reviews: 2 },
    });
    expect(await snapshotAccount(db, target)).toEqual(await snapshotAccount(db, learnerId));
    const before = await snapshotAccount(db, target);
    const again = await importText(target, file);
    expect(again).toEqual({
      ok: false,
      message: expect.stringMatching(/^This account already has study history \(reviews: 2, cardStates: 2, decks: 1\)/),
      problems: [],
    });
    expect(await snapshotAccount(db, target)).toEqual(before);
  });

  it("refuses a file that refers to a card this Quorum does not have, naming it, and writes nothing", async () => {
    const { file } = await smallAccountFile();
    const target = await newLearner();
    await db.learnerSettings.create({ data: { userId: target, timeZone: "Asia/Tokyo" } });
    const document = JSON.parse(file);
    document.reviewLogs[0].cardId = "gone-card";
    document.cardStates.push({ ...document.cardStates[0], cardId: "gone-card" });
    const outcome = await importText(target, JSON.stringify(document));
    expect(outcome).toEqual({
      ok: false,
      message: "The file refers to 1 card or deck this Quorum does not have; nothing was imported.",
      problems: [`card "gone-card" (in a card state, reviews) is neither Quorum's nor in the file`],
    });
    expect((await snapshotAccount(db, target)).rowCounts).toMatchObject({
      Deck: 0,
      Card: 0,
      ReviewLog: 0,
      CardState: 0,
    });
    expect(await db.learnerSettings.findUnique({ where: { userId: target } })).toMatchObject({
      timeZone: "Asia/Tokyo",
    });
  });

  it("names every row that does not fit the format, and a settings column this version does not have", async () => {
    const { file } = await smallAccountFile();
    const target = await newLearner();
    const document = JSON.parse(file);
    document.reviewLogs[1].rating = 5;
    document.cardStates[0].surprise = true;
    const outcome = await importText(target, JSON.stringify(document));
    expect(outcome).toMatchObject({
      ok: false,
      problems: [
        'cardStates.0: Unrecognized key: "surprise"',
        "reviewLogs.1.rating: Too big: expected number to be <=4",
      ],
    });
    const withUnknownSetting = { ...JSON.parse(file), settings: { timeZone: "UTC", fsrsWeightsFromTheFuture: [1] } };
    expect(await importText(target, JSON.stringify(withUnknownSetting))).toEqual({
      ok: false,
      message: "The file's settings have columns this version of Quorum does not know; nothing was imported.",
      problems: ["settings.fsrsWeightsFromTheFuture: no such setting"],
    });
    expect(await importText(target, "{ not json")).toMatchObject({ ok: false, problems: [/^The file is not JSON/] });
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(51 * 1024 * 1024, " ")));
    expect(await importAccountFile({ learnerId: target, bytes: bomb, now })).toMatchObject({
      ok: false,
      problems: ["The file unpacks to more than 50 MB."],
    });
    expect(await importText(target, JSON.stringify({ ...document, version: 1 }))).toMatchObject({
      ok: false,
      problems: ["version: this version of Quorum reads account files of version 2; export the account again"],
    });
    expect((await snapshotAccount(db, target)).rowCounts.ReviewLog).toBe(0);
  });

  it("never trusts the file's HTML: Markdown is rendered again from its source, Anki HTML is sanitised", async () => {
    const { file } = await smallAccountFile();
    const document = JSON.parse(file);
    const [markdownCard] = document.decks[0].cards;
    markdownCard.promptHtml = `<p>What is <img src=x onerror="alert(1)"></p>`;
    const htmlCard = { ...markdownCard, id: "imp_html", position: 1 };
    Object.assign(htmlCard, {
      prompt: `<b>etcd</b><script>alert(2)</script>`,
      answer: `<a href="javascript:x()">store</a>`,
    });
    Object.assign(htmlCard, { promptHtml: htmlCard.prompt, answerHtml: htmlCard.answer });
    document.decks[0].cards.push(htmlCard);
    const target = await newLearner();
    expect(await importText(target, JSON.stringify(document))).toMatchObject({ ok: true, restored: { cards: 2 } });
    const cards = await db.card.findMany({
      where: { deck: { ownerId: target } },
      orderBy: { position: "asc" },
      select: { prompt: true, promptHtml: true, answerHtml: true },
    });
    expect(cards).toEqual([
      {
        prompt: "What is **etcd**?",
        promptHtml: "<p>What is <strong>etcd</strong>?</p>",
        answerHtml: "<p>A store.</p>",
      },
      { prompt: "<b>etcd</b>", promptHtml: "<b>etcd</b>", answerHtml: "store" },
    ]);
  });

  it("refuses Markdown past the structure caps before rendering it", async () => {
    const { file } = await smallAccountFile();
    const document = JSON.parse(file);
    document.decks[0].cards[0].answer = `${"> ".repeat(40)}deep`;
    expect(await importText(await newLearner(), JSON.stringify(document))).toMatchObject({
      ok: false,
      problems: [/^decks\.0\.cards\.0\.answer: goes past a Markdown limit: line 1 nests 40 levels deep/],
    });
  });
});
