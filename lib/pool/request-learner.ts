import "server-only";
import { env } from "@/lib/env";
import { guestCookieName, verifyGuestToken } from "@/lib/learner/guest-token";

/**
 * Whom a route handler's request counts against for rate limits: the signed guest id in its
 * cookie (proxy.ts gives every browser one), read from the request itself so the handler needs
 * no request scope. Null for a client that sent none; those share one limit.
 */
export async function rateKeyOf(request: Request): Promise<string | null> {
  const cookie = request.headers.get("cookie") ?? "";
  const token = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === guestCookieName)?.[1];
  return verifyGuestToken(token && decodeURIComponent(token), env.AUTH_SECRET);
}
