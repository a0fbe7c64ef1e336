import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { remoteAddressHeader } from "@/lib/auth/client-address";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { countAttempts, throttlePolicy } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import type * as PasswordModule from "@/lib/auth/password";

// The real argon2 check, wrapped only to count how many attempts reach it.
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const passwordChecks = () => vi.mocked(verifyPassword).mock.calls.length;

const password = "correct horse battery staple";
const now = new Date("2026-03-02T10:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
let accounts = 0;

async function newAccount(): Promise<string> {
  const email = `learner-${++accounts}@example.com`;
  await db.user.create({ data: { email, passwordHash: await hashPassword(password) } });
  return email;
}

type Attempt = {
  email: string;
  password: string;
  peer?: string;
  forwardedFor?: string;
  trustedProxies?: number;
  at?: Date;
};

function attempt({ email, password, peer, forwardedFor, trustedProxies = 0, at = now }: Attempt) {
  const headers = {
    ...(peer ? { [remoteAddressHeader]: peer } : {}),
    ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
  };
  return signInWithPassword({ input: { email, password }, headers, trustedProxies, now: at });
}

const codes = (results: Awaited<ReturnType<typeof attempt>>[]) =>
  results.map((result) => (result.ok ? "ok" : result.code));
const tally = (values: string[]) =>
  Object.fromEntries([...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]));

beforeAll(async () => {
  await db.authThrottle.deleteMany();
});
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
});

describe("signInWithPassword: the per-email limit", () => {
  it(
    "counts all 40 concurrent attempts on one email, checks the " +
      "password of exactly 5, and then refuses even the right one",
    async () => {
      const email = await newAccount();
      const burst = Array.from({ length: 40 }, (_, i) =>
        attempt({ email, password: `guess ${i}`, peer: `203.0.113.${i + 1}` }),
      );
      const results = await Promise.all(burst);

      expect(passwordChecks()).toBe(throttlePolicy.maxAttempts.email);
      expect(tally(codes(results))).toEqual({ "wrong-credentials": 5, throttled: 35 });
      expect(await countAttempts({ kind: "email", value: email }, now)).toBe(40);

      const right = await attempt({ email, password, peer: "203.0.113.200", at: minutes(1) });
      expect(right).toEqual({ ok: false, code: "throttled", retryAfterMs: 14 * 60_000 });
      expect(passwordChecks()).toBe(5);
    },
  );

  it("checks the password of only 5 of 40 concurrent attempts from one address, and counts all 40 there", async () => {
    const email = await newAccount();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt({ email, password: `guess ${i}`, peer: "198.51.100.40" })),
    );
    expect(passwordChecks()).toBe(5);
    expect(tally(codes(results))).toEqual({ "wrong-credentials": 5, throttled: 35 });
    expect(await countAttempts({ kind: "address", value: "198.51.100.40" }, now)).toBe(40);
    // Past its own limit an address claims nothing for the email: 20 reached the email's count.
    expect(await countAttempts({ kind: "email", value: email }, now)).toBe(20);
  });

  it("lets the email try again once its window has ended, and a success gives back its own attempt", async () => {
    const email = await newAccount();
    for (let i = 0; i < 5; i++) await attempt({ email, password: `guess ${i}`, peer: "198.51.100.1" });
    expect((await attempt({ email, password, peer: "198.51.100.1", at: minutes(14) })).ok).toBe(false);
    const later = minutes(15);
    expect((await attempt({ email, password, peer: "198.51.100.1", at: later })).ok).toBe(true);
    expect(await countAttempts({ kind: "email", value: email }, later)).toBe(0);
  });

  it(
    "still lets the owner in from an address where they " + "signed in before, with that address's own 5 tries",
    async () => {
      const email = await newAccount();
      expect((await attempt({ email, password, peer: "192.0.2.10", at: minutes(-60) })).ok).toBe(true);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => attempt({ email, password: `guess ${i}`, peer: `203.0.113.${i + 1}` })),
      );

      expect((await attempt({ email, password, peer: "192.0.2.99" })).ok).toBe(false); // a new place waits
      expect((await attempt({ email, password, peer: "192.0.2.10" })).ok).toBe(true);
      for (let i = 0; i < 5; i++) await attempt({ email, password: `typo ${i}`, peer: "192.0.2.10" });
      expect(codes([await attempt({ email, password, peer: "192.0.2.10" })])).toEqual(["throttled"]);
    },
  );
});

describe("signInWithPassword: the per-address limit and X-Forwarded-For", () => {
  it("with no trusted proxy, rotating X-Forwarded-For does not evade the per-address limit", async () => {
    const results = [];
    for (let i = 0; i < 25; i++) {
      results.push(
        await attempt({
          email: `nobody-${i}@example.com`,
          password: "guess",
          peer: "198.51.100.7",
          forwardedFor: `10.0.${i}.1`,
        }),
      );
    }
    expect(codes(results)).toEqual([...Array(20).fill("wrong-credentials"), ...Array(5).fill("throttled")]);
    expect(await countAttempts({ kind: "address", value: "198.51.100.7" }, now)).toBe(25);
    expect(await db.authThrottle.count({ where: { key: { startsWith: "address:10.0." } } })).toBe(0);
  });

  it("with no trusted proxy, spoofing a victim's address in X-Forwarded-For does not lock the victim out", async () => {
    const email = await newAccount();
    for (let i = 0; i < 25; i++) {
      await attempt({
        email: `someone-${i}@example.com`,
        password: "guess",
        peer: "198.51.100.66",
        forwardedFor: "192.0.2.44",
      });
    }
    expect(await countAttempts({ kind: "address", value: "192.0.2.44" }, now)).toBe(0);
    expect((await attempt({ email, password, peer: "192.0.2.44" })).ok).toBe(true);
  });

  it(
    "with one trusted proxy, counts the right-most " +
      "X-Forwarded-For hop, not the proxy nor what the client " +
      "wrote",
    async () => {
      const proxied = { peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.250", trustedProxies: 1 };
      const results = [];
      for (let i = 0; i < 21; i++)
        results.push(await attempt({ email: `proxied-${i}@example.com`, password: "guess", ...proxied }));
      expect(codes(results).at(-1)).toBe("throttled");
      expect(await countAttempts({ kind: "address", value: "198.51.100.250" }, now)).toBe(21);
      expect(await countAttempts({ kind: "address", value: "6.6.6.6" }, now)).toBe(0);
      expect(await countAttempts({ kind: "address", value: "10.0.0.2" }, now)).toBe(0);

      const email = await newAccount();
      expect(
        (await attempt({ email, password, peer: "10.0.0.2", forwardedFor: "198.51.100.251", trustedProxies: 1 })).ok,
      ).toBe(true);
    },
  );
});
