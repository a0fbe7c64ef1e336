import { describe, expect, it } from "vitest";
import { describeMergeNotice, formatMergeNotice } from "@/lib/learner/merge-notice";

describe("merge notice", () => {
  it("says how many reviews of how many cards moved, counting replayed cards", () => {
    expect(describeMergeNotice(formatMergeNotice({ reviewsMoved: 5, cardsMoved: 2, cardsReplayed: 1 }))).toBe(
      "Your guest progress is now in your account: 5 reviews of 3 cards.",
    );
    expect(describeMergeNotice(formatMergeNotice({ reviewsMoved: 1, cardsMoved: 1, cardsReplayed: 0 }))).toBe(
      "Your guest progress is now in your account: 1 review of 1 card.",
    );
  });

  it("shows nothing for a cookie it did not write", () => {
    for (const value of [undefined, "", "1", "1.2.3", "<b>1</b>.2", "-1.2", "1e9.2"])
      expect(describeMergeNotice(value)).toBeNull();
  });
});
