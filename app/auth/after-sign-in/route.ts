// GET /auth/after-sign-in?next=/path – where sign-in and sign-up land: moves the guest's progress
// into the account, forgets the guest cookie, and goes on to `next` (a path on this site only).
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { getGuestId } from "@/lib/data/learners";
import { mergeGuestIntoAccount } from "@/lib/data/merge-guest";
import { guestCookieName } from "@/lib/learner/guest-token";
import { safeNextPath } from "@/lib/validations/next-path";

export async function GET(request: NextRequest) {
  const next = safeNextPath(request.nextUrl.searchParams.get("next"));
  const [user, guestId] = await Promise.all([getCurrentUser(), getGuestId()]);
  if (!user) return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(next)}`, request.url));
  if (guestId) {
    try {
      await mergeGuestIntoAccount(guestId, user.id);
    } catch (error) {
      console.error("merging guest progress failed; nothing was moved", error);
      return NextResponse.redirect(new URL("/account?merge=failed", request.url));
    }
  }
  const response = NextResponse.redirect(new URL(next, request.url));
  response.cookies.delete(guestCookieName);
  return response;
}
