// A guest learner is identified by a random id in a cookie, signed with the app's secret so that
// nobody can read or write another guest's progress by guessing or editing the cookie.
// Web Crypto only, so the same code runs in proxy.ts and on the server.

export const guestCookieName = "quorum-guest";
/** Browsers cap cookie lifetime at 400 days. */
export const guestCookieMaxAgeSeconds = 400 * 24 * 60 * 60;

const encoder = new TextEncoder();

async function hmac(value: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(value)));
  return Buffer.from(signature).toString("base64url");
}

/** A new guest id: `guest_` and 128 random bits. */
export function newGuestId(): string {
  return `guest_${crypto.randomUUID().replaceAll("-", "")}`;
}

export async function signGuestId(guestId: string, secret: string): Promise<string> {
  return `${guestId}.${await hmac(guestId, secret)}`;
}

/** The guest id in a cookie value, or null when the value is missing, malformed or forged. */
export async function verifyGuestToken(token: string | undefined, secret: string): Promise<string | null> {
  const match = token ? /^(guest_[0-9a-f]{32})\.([\w-]+)$/.exec(token) : null;
  if (!match) return null;
  const [, guestId, signature] = match as unknown as [string, string, string];
  const expected = await hmac(guestId, secret);
  return timingSafeEqual(expected, signature) ? guestId : null;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
