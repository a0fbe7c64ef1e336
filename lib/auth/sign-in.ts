import "server-only";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { clientAddress } from "./client-address";
import { getDecoyHash, verifyPassword } from "./password";
import { claimAttempt, claimAttempts, refundAttempt, type Claim } from "./throttle";

type SignInResult =
  | { ok: true; user: { id: string; email: string | null; name: string | null } }
  | { ok: false; code: "wrong-credentials" }
  | { ok: false; code: "throttled"; retryAfterMs: number };

type SignInRequest = {
  /** The credentials as posted (validated here). */
  input: unknown;
  /** The request's headers as next-auth passes them to `authorize`. */
  headers: Record<string, unknown> | undefined;
  trustedProxies: number;
  now: Date;
};

/** How long an address where an account signed in keeps its own allowance for that account. */
const knownAddressMs = 30 * 24 * 60 * 60_000;

/**
 * Email-and-password sign-in with throttling. Every attempt is counted before its password is
 * checked, per client address (20 a window), per email (5) and per email from that address (5);
 * it is checked only if its counts are within the limits. When an email's own limit is spent,
 * an address where that account signed in within 30 days still gets its own 5 tries, so a
 * stranger guessing someone's password cannot lock them out of their usual device.
 */
export async function signInWithPassword(request: SignInRequest): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(request.input);
  if (!parsed.success) return { ok: false, code: "wrong-credentials" };
  const { email, password } = parsed.data;
  const { now } = request;
  const address = clientAddress(request.headers, request.trustedProxies);
  const admission = await admitAttempt(email, address, now);
  if (!admission.isAdmitted) return { ok: false, code: "throttled", retryAfterMs: retryAfterMs(admission.claims, now) };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const isValid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  if (!user?.passwordHash || !isValid) return { ok: false, code: "wrong-credentials" };

  await Promise.all(admission.claims.map((claim) => refundAttempt(claim.key, now)));
  if (address) await rememberAddress(email, address, now);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

type Admission = { isAdmitted: boolean; claims: Claim[] };

/**
 * Claims this attempt on each key, in an order that keeps one client's excess from spending
 * anybody else's allowance: an address over its limit claims nothing for the email.
 */
async function admitAttempt(email: string, address: string | null, now: Date): Promise<Admission> {
  if (!address) {
    const byEmail = await claimAttempt({ kind: "email", value: email }, now);
    return { isAdmitted: byEmail.isWithinLimit, claims: [byEmail] };
  }
  const byAddress = await claimAttempt({ kind: "address", value: address }, now);
  if (!byAddress.isWithinLimit) return { isAdmitted: false, claims: [byAddress] };
  const [byEmail, byEmailFromAddress] = await claimAttempts(
    [
      { kind: "email", value: email },
      { kind: "email-address", value: `${email}|${address}` },
    ] as const,
    now,
  );
  const claims = [byAddress, byEmail, byEmailFromAddress];
  if (!byEmailFromAddress.isWithinLimit) return { isAdmitted: false, claims };
  return { isAdmitted: byEmail.isWithinLimit || (await isKnownAddress(email, address, now)), claims };
}

/** Until the last of the windows that refused this attempt ends. */
function retryAfterMs(claims: Claim[], now: Date): number {
  const refusedUntilMs = claims.filter((claim) => !claim.isWithinLimit).map((claim) => claim.windowEndsAtMs);
  return Math.max(0, ...refusedUntilMs.map((endsAtMs) => endsAtMs - now.getTime()));
}

async function isKnownAddress(email: string, address: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - knownAddressMs);
  return (await db.knownSignInAddress.count({ where: { email, address, lastSignedInAt: { gte: since } } })) > 0;
}

async function rememberAddress(email: string, address: string, now: Date): Promise<void> {
  await db.knownSignInAddress.upsert({
    where: { email_address: { email, address } },
    create: { email, address, lastSignedInAt: now },
    update: { lastSignedInAt: now },
  });
}
