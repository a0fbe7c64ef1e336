import { describe, expect, it } from "vitest";
import { trustedProxiesSchema } from "@/lib/env-defaults";

describe("QUORUM_TRUSTED_PROXIES", () => {
  it("is 0 when unset, and a whole number of proxies when set", () => {
    expect(trustedProxiesSchema.parse(undefined)).toBe(0);
    expect(trustedProxiesSchema.parse("2")).toBe(2);
  });

  it.each(["yes", "-1", "1.5", "11"])("refuses %j with a message that names the setting", (value) => {
    const result = trustedProxiesSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^QUORUM_TRUSTED_PROXIES /);
  });
});
