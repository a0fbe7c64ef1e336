import { describe, expect, it } from "vitest";
import { formatWait } from "@/lib/study/format-wait";

describe("formatWait", () => {
  it("rounds up to whole minutes, so a card is never announced sooner than it comes", () => {
    expect(formatWait(0)).toBe("less than a minute");
    expect(formatWait(1)).toBe("1 min");
    expect(formatWait(60_000)).toBe("1 min");
    expect(formatWait(61_000)).toBe("2 min");
    expect(formatWait(60 * 60_000)).toBe("1 h");
    expect(formatWait(80 * 60_000)).toBe("1 h 20 min");
  });
});
