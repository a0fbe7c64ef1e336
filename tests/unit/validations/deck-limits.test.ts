import { describe, expect, it } from "vitest";
import { deckLimitsSchema, extraNewCardsSchema } from "@/lib/validations/deck-limits";
import { studySettingsSchema } from "@/lib/validations/settings";

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe("deck limits and custom study input", () => {
  it("reads a deck's own limits, an empty field meaning the default, and names what is wrong", () => {
    expect(deckLimitsSchema.parse({ newCardsPerDay: "5", reviewsPerDay: " " })).toEqual({
      newCardsPerDay: 5,
      reviewsPerDay: null,
    });
    expect(messageOf(deckLimitsSchema.safeParse({ newCardsPerDay: "abc", reviewsPerDay: "" }))).toBe(
      "New cards per day: a whole number, or empty for your default",
    );
    expect(messageOf(deckLimitsSchema.safeParse({ newCardsPerDay: "-1", reviewsPerDay: "" }))).toBe(
      "New cards per day: at least 0",
    );
    expect(messageOf(deckLimitsSchema.safeParse({ newCardsPerDay: "", reviewsPerDay: "1.5" }))).toBe(
      "Reviews per day: a whole number",
    );
  });

  it("asks for 1 to 999 more new cards", () => {
    expect(extraNewCardsSchema.parse({ count: "10" })).toEqual({ count: 10 });
    expect(messageOf(extraNewCardsSchema.safeParse({ count: "0" }))).toBe("At least 1 more new card");
    expect(messageOf(extraNewCardsSchema.safeParse({ count: "1000" }))).toBe("At most 999 more new cards at once");
  });

  it("the cap across all decks is optional in Settings: empty or absent means none", () => {
    const base = {
      desiredRetention: "0.9",
      newCardsPerDay: "20",
      reviewsPerDay: "200",
      learningSteps: "1m 10m",
      relearningSteps: "10m",
      timeZone: "UTC",
      dayStartHour: "4",
      leechThreshold: "8",
      leechAction: "suspend",
    };
    expect(studySettingsSchema.parse(base)).toMatchObject({
      allDecksNewCardsPerDay: null,
      allDecksReviewsPerDay: null,
    });
    expect(
      studySettingsSchema.parse({ ...base, allDecksNewCardsPerDay: "30", allDecksReviewsPerDay: "" }),
    ).toMatchObject({ allDecksNewCardsPerDay: 30, allDecksReviewsPerDay: null });
    expect(messageOf(studySettingsSchema.safeParse({ ...base, allDecksNewCardsPerDay: "lots" }))).toBe(
      "New cards per day across all decks: a whole number, or empty for no cap",
    );
  });
});
