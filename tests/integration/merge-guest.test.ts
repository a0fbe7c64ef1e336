// A guest's progress merged into an account (lib/data/merge-guest.ts), on a real migrated database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { mergeGuestIntoAccount } from "@/lib/data/merge-guest";
import { createOwnDeck } from "@/lib/data/own-decks";
import { defaultStudySettings, getStudySettings, saveStudySettings } from "@/lib/data/settings";
import { Rating, type Grade } from "@/lib/srs/schedule";
import { studySettingsSchema } from "@/lib/validations/settings";
import { seedAlphaDeck } from "../helpers/seed-alpha-deck";
import { gradeAsShown } from "../helpers/grade-as-shown";

/** An account with no settings of its own, as the merge replays under (the defaults, fuzz included). */
const settings = defaultStudySettings;
const now = new Date("2026-03-02T10:00:00Z");
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
let learnerCount = 0;
const newGuest = () => `guest_${(++learnerCount).toString(16).padStart(32, "0")}`;
const newAccount = async () => (await db.user.create({ data: { email: `merge-${++learnerCount}@example.com` } })).id;
const stateOf = (userId: string, cardId: string) =>
  db.cardState.findUnique({ where: { userId_cardId: { userId, cardId } } });

const grade = gradeAsShown(settings);

const memory = (state: Awaited<ReturnType<typeof stateOf>>) => {
  const { due, stability, difficulty, reps, lapses, state: phase, lastReview } = state!;
  return { due, stability, difficulty, reps, lapses, state: phase, lastReview };
};

beforeAll(async () => {
  await seedAlphaDeck(db, now);
});

describe("mergeGuestIntoAccount", () => {
  it("gives a card both studied the state of all their reviews replayed in time order, as on one device", async () => {
    const [guest, account, oneDevice] = [newGuest(), await newAccount(), newGuest()];
    const grades: [string, Grade, Date][] = [
      [account, Rating.Good, hours(0)],
      [guest, Rating.Again, hours(1)],
      [account, Rating.Good, hours(2)],
      [guest, Rating.Easy, hours(30)],
    ];
    for (const [learner, rating, at] of grades) {
      await grade(learner, "c1", rating, at);
      await grade(oneDevice, "c1", rating, at);
    }
    const versions = [(await stateOf(guest, "c1"))!.version, (await stateOf(account, "c1"))!.version];

    expect(await mergeGuestIntoAccount(guest, account)).toEqual({ cardsMoved: 0, cardsReplayed: 1, reviewsMoved: 2 });
    const merged = await stateOf(account, "c1");
    expect(memory(merged)).toEqual(memory(await stateOf(oneDevice, "c1")));
    expect(merged!.version).toBe(Math.max(...versions) + 1); // a page shown before the merge is stale
    expect(await db.reviewLog.count({ where: { userId: account, cardId: "c1" } })).toBe(4);
    expect(await db.user.findUnique({ where: { id: guest } })).toBeNull();
  });

  it("moves a card only the guest studied as it was, keeps a suspension from either side, lifts a bury", async () => {
    const [guest, account] = [newGuest(), await newAccount()];
    await grade(guest, "c2", Rating.Good, hours(0));
    const before = await stateOf(guest, "c2");
    await grade(guest, "c3", Rating.Good, hours(0));
    await grade(account, "c3", Rating.Hard, hours(1));
    await db.cardState.update({
      where: { userId_cardId: { userId: guest, cardId: "c3" } },
      data: { suspendedAt: hours(2) },
    });
    await db.cardState.update({
      where: { userId_cardId: { userId: account, cardId: "c3" } },
      data: { buriedUntil: hours(20) },
    });

    expect(await mergeGuestIntoAccount(guest, account)).toEqual({ cardsMoved: 1, cardsReplayed: 1, reviewsMoved: 2 });
    expect(await stateOf(account, "c2")).toEqual({ ...before, userId: account, updatedAt: expect.any(Date) });
    expect(await stateOf(account, "c3")).toMatchObject({ suspendedAt: hours(2), buriedUntil: null });
    expect(await db.cardState.count({ where: { userId: guest } })).toBe(0);
  });

  it("keeps the account's own settings, else takes the guest's, and moves the guest's decks", async () => {
    const form = {
      desiredRetention: "0.85",
      newCardsPerDay: "7",
      reviewsPerDay: "70",
      learningSteps: "1m",
      relearningSteps: "5m",
      timeZone: "Asia/Tokyo",
      dayStartHour: "6",
      leechThreshold: "6",
      leechAction: "tag",
    };
    const [guest, account, settled] = [newGuest(), await newAccount(), await newAccount()];
    await db.user.create({ data: { id: guest, isGuest: true } });
    await saveStudySettings(guest, studySettingsSchema.parse(form), now);
    const deck = await createOwnDeck(guest, "Guest notes");
    await mergeGuestIntoAccount(guest, account);
    expect(await getStudySettings(account)).toMatchObject({ newCardsPerDay: 7, timeZone: "Asia/Tokyo" });
    expect(deck.ok && (await db.deck.findUnique({ where: { id: deck.deckId } }))?.ownerId).toBe(account);

    const secondGuest = newGuest();
    await db.user.create({ data: { id: secondGuest, isGuest: true } });
    await saveStudySettings(settled, studySettingsSchema.parse({ ...form, newCardsPerDay: "3" }), now);
    await saveStudySettings(secondGuest, studySettingsSchema.parse(form), now);
    await mergeGuestIntoAccount(secondGuest, settled);
    expect(await getStudySettings(settled)).toMatchObject({ newCardsPerDay: 3 });
  });

  it("merges nothing into itself, and nothing from an account that is not a guest", async () => {
    const [guest, account, other] = [newGuest(), await newAccount(), await newAccount()];
    await grade(guest, "c1", Rating.Good, hours(0));
    await grade(other, "c1", Rating.Good, hours(0));
    expect(await mergeGuestIntoAccount(guest, guest)).toBeNull();
    expect(await mergeGuestIntoAccount(other, account)).toBeNull();
    expect(await db.cardState.count({ where: { userId: other } })).toBe(1);
    expect(await db.cardState.count({ where: { userId: guest } })).toBe(1);
  });
});
