import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/security/content-security-policy";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by this nonce, and never eval or inline in production", () => {
    const policy = contentSecurityPolicy("abc123==", false);
    expect(policy).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic';");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(policy).toContain("img-src 'self' data:;");
    expect(policy).toMatch(/frame-ancestors 'none'.*form-action 'self'$/);
  });

  it("adds 'unsafe-eval' for next dev only", () => {
    expect(contentSecurityPolicy("n", true)).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it("makes a new 128-bit nonce every time, in the characters a CSP nonce allows", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
