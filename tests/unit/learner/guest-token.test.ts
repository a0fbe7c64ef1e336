import { describe, expect, it } from "vitest";
import { newGuestId, signGuestId, verifyGuestToken } from "@/lib/learner/guest-token";

const secret = "a-test-secret-of-at-least-32-characters!";

describe("guest tokens", () => {
  it("verifies a token it signed", async () => {
    const id = newGuestId();
    expect(id).toMatch(/^guest_[0-9a-f]{32}$/);
    expect(await verifyGuestToken(await signGuestId(id, secret), secret)).toBe(id);
  });

  it("rejects a token with another guest's id, a wrong secret, or garbage", async () => {
    const token = await signGuestId(newGuestId(), secret);
    const otherId = newGuestId();
    expect(await verifyGuestToken(`${otherId}.${token.split(".")[1]}`, secret)).toBeNull();
    expect(await verifyGuestToken(token, "another-secret-of-at-least-32-characters")).toBeNull();
    expect(await verifyGuestToken("guest_123.abc", secret)).toBeNull();
    expect(await verifyGuestToken(undefined, secret)).toBeNull();
  });
});
