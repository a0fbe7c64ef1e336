import type { NextRequest } from "next/server";
import { authSecret } from "@/lib/env-defaults";
import {
  guestCookieMaxAgeSeconds,
  guestCookieName,
  newGuestId,
  signGuestId,
  verifyGuestToken,
} from "@/lib/learner/guest-token";
import { nextWithContentSecurityPolicy } from "@/lib/security/content-security-policy";

// Gives every visitor a signed guest id on their first request, so a learner can study at once
// without an account; the guest's User row is created on their first graded review.
// Every response also gets a fresh CSP nonce and its policy (lib/security/content-security-policy.ts).
export async function proxy(request: NextRequest) {
  const secret = authSecret();
  if (await verifyGuestToken(request.cookies.get(guestCookieName)?.value, secret))
    return nextWithContentSecurityPolicy(request);

  const token = await signGuestId(newGuestId(), secret);
  request.cookies.set(guestCookieName, token); // visible to this very request's server components
  const response = nextWithContentSecurityPolicy(request);
  response.cookies.set(guestCookieName, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.nextUrl.protocol === "https:",
    path: "/",
    maxAge: guestCookieMaxAgeSeconds,
  });
  return response;
}

export const config = {
  // Pages and server actions only: not static assets, images, the favicon or health checks.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/health/|.*\\.(?:png|svg|ico|woff2?)$).*)"],
};
