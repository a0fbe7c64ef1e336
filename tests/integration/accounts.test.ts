// Accounts against a real migrated SQLite file: sign-up that does not reveal existing emails,
// deletion that ends the session and never needs a row, and a guest's replays kept on sign-in.
import { describe, expect, it } from "vitest";
import { signUp } from "@/app/(auth)/signup/actions";
import { authOptions, sessionEnded } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { deleteAccount, isActiveAccount } from "@/lib/data/accounts";
import { exportAccountJson } from "@/lib/data/account-export";
import { mergeGuestIntoAccount } from "@/lib/data/merge-guest";
import { recordReplayView } from "@/lib/data/replays";

const password = "orbit lantern cobalt meadow 42";
const now = new Date("2026-03-02T10:00:00Z");
let count = 0;
const newEmail = () => `learner-${++count}@example.com`;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

async function timeSignUp(email: string, typed: string): Promise<{ result: unknown; ms: number }> {
  const startedAt = performance.now();
  const result = await signUp(null, form({ email, password: typed, name: "" }));
  return { result, ms: performance.now() - startedAt };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("sign-up", () => {
  it("answers the same for a taken email as for a new one, and leaves the existing account alone", async () => {
    const taken = newEmail();
    const first = await timeSignUp(taken, password);
    const original = await db.user.findUniqueOrThrow({
      where: { email: taken },
      select: { id: true, passwordHash: true },
    });
    const fresh: number[] = [];
    const repeated: number[] = [];
    for (let round = 0; round < 5; round++) {
      const a = await timeSignUp(newEmail(), password);
      const b = await timeSignUp(taken, `${password} other`);
      expect(b.result).toEqual(a.result);
      expect(b.result).toEqual(first.result);
      fresh.push(a.ms);
      repeated.push(b.ms);
    }
    expect(await db.user.findMany({ where: { email: taken }, select: { id: true, passwordHash: true } })).toEqual([
      original,
    ]);
    // Both paths hash the password (argon2id, tens of ms) and make one write: the medians are close.
    const [medianFresh, medianTaken] = [median(fresh), median(repeated)];
    console.info(`sign-up median: new email ${medianFresh.toFixed(1)} ms, taken email ${medianTaken.toFixed(1)} ms`);
    expect(medianTaken).toBeGreaterThan(medianFresh * 0.5);
    expect(medianTaken).toBeLessThan(medianFresh * 2);
  });

  it("still names every field to fix, and a body that is not a form is a message, not a crash", async () => {
    expect(await signUp(null, form({ email: "not-an-email", password }))).toMatchObject({
      ok: false,
      errors: { email: [expect.any(String)] },
    });
    expect(await signUp(null, "not a form")).toMatchObject({ ok: false, message: "Check the highlighted fields." });
  });
});

describe("deleting an account", () => {
  it("ends its session: the JWT callback refuses a deleted account's token", async () => {
    const email = newEmail();
    await signUp(null, form({ email, password }));
    const { id } = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const jwt = authOptions.callbacks!.jwt!;
    const token = { sub: id, email };
    await expect(jwt({ token } as never)).resolves.toEqual(token);
    await deleteAccount(id);
    expect(await isActiveAccount(id)).toBe(false);
    await expect(jwt({ token } as never)).rejects.toThrow(sessionEnded);
    expect(await db.user.count({ where: { id } })).toBe(0);
  });

  it("of a guest who never saved anything succeeds and writes nothing", async () => {
    const before = await db.user.count();
    await expect(deleteAccount("guest_neversavedanything00000000000000")).resolves.toBeUndefined();
    expect(await db.user.count()).toBe(before);
  });
});

describe("a guest's replay views", () => {
  it("move into the account on sign-in and appear in the account export", async () => {
    const guestId = "guest_replayviewer000000000000000000000";
    await recordReplayView(guestId, "etcd-quorum-loss", '{"members":5,"seed":7}', now);
    await recordReplayView(guestId, "etcd-outage", '{"seed":2}', new Date(now.getTime() + 120_000));
    const email = newEmail();
    await signUp(null, form({ email, password }));
    const { id: accountId } = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await mergeGuestIntoAccount(guestId, accountId);
    expect(await db.replayView.count({ where: { userId: guestId } })).toBe(0);
    const exported = JSON.parse(await exportAccountJson(accountId, now)) as {
      replayViews: { scenario: string; key: string }[];
    };
    expect(exported.replayViews.map((view) => [view.scenario, view.key])).toEqual([
      ["etcd-quorum-loss", '{"members":5,"seed":7}'],
      ["etcd-outage", '{"seed":2}'],
    ]);
  });
});

describe("next-auth's redirect callback (callbackUrl)", () => {
  it("keeps paths on this site and sends everything else home", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const baseUrl = "http://localhost:3000";
    const cases: [string, string][] = [
      ["/study/control-plane?card=x", `${baseUrl}/study/control-plane?card=x`],
      [`${baseUrl}/auth/after-sign-in?next=%2Fprogress`, `${baseUrl}/auth/after-sign-in?next=%2Fprogress`],
      ["/\t/evil.example", `${baseUrl}/`],
      ["//evil.example/", `${baseUrl}/`],
      ["https://evil.example/", `${baseUrl}/`],
      [`${baseUrl}.evil.example/`, `${baseUrl}/`],
      [`${baseUrl}@evil.example/`, `${baseUrl}/`],
    ];
    for (const [url, expected] of cases) expect(await redirect({ url, baseUrl }), url).toBe(expected);
  });
});
