import { describe, expect, it } from "vitest";
import { milliValue, parseQuantity, unitValue } from "@/lib/sim/objects/quantity";

function nano(text: string): bigint {
  const parsed = parseQuantity(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.quantity.nano;
}

// Expected values follow apimachinery's quantity_test.go table (MilliValue/Value round up).
describe("parseQuantity", () => {
  it.each([
    ["500m", 500, 1],
    ["2", 2000, 2],
    ["4000", 4_000_000, 4000],
    ["1e3", 1_000_000, 1000],
    ["1E3", 1_000_000, 1000],
    ["100M", 100_000_000_000, 100_000_000],
    ["1Gi", 1_073_741_824_000, 1_073_741_824],
    ["1.5Ki", 1_536_000, 1536],
    ["0.5m", 1, 1],
    ["1.", 1000, 1],
    ["100n", 1, 1],
  ])("parses %s exactly (milli %d, value %d)", (text, milli, value) => {
    expect(milliValue(nano(text))).toBe(milli);
    expect(unitValue(nano(text))).toBe(value);
  });

  it("keeps every digit of quantities beyond 2^53 bytes when scaled in BigInt", () => {
    expect(nano("8Ei")).toBe(8n * 2n ** 60n * 1_000_000_000n);
  });

  it("rounds sub-nano fractions up to one nano-unit", () => {
    expect(nano("0.1n")).toBe(1n);
  });

  it.each(["2x", "", "e3", "1.2.3", "1Kb", "Gi"])("rejects %j", (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });

  it("names the upstream format rule in the error", () => {
    const result = parseQuantity("2x");
    expect(result.ok ? "" : result.message).toContain("quantities must match the regular expression");
  });
});
