// GET /auth/after-sign-in?next=/path – where sign-in and sign-up land: moves the guest's progress
// into the account, forgets the guest cookie, and goes on to `next` (a path on this site only).
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { requestLog } from "@/lib/ops/request-log";
import { getGuestId } from "@/lib/data/learners";
import { mergeGuestIntoAccount, type MergeSummary } from "@/lib/data/merge-guest";
import { formatMergeNotice, mergeNoticeCookieName } from "@/lib/learner/merge-notice";
import { guestCookieName } from "@/lib/learner/guest-token";
import { safeNextPath } from "@/lib/validations/next-path";

export async function GET(request: NextRequest) {
  const next = safeNextPath(request.nextUrl.searchParams.get("next"));
  const [user, guestId] = await Promise.all([getCurrentUser(), getGuestId()]);
  if (!user) return NextResponse.redirect(new URL(`/login?next=${encodeURIComponent(next)}`, request.url));
  let merged: MergeSummary | null = null;
  if (guestId) {
    try {
      merged = await mergeGuestIntoAccount(guestId, user.id);
    } catch (error) {
      (await requestLog(request)).error({ err: error }, "merging guest progress failed; nothing was moved");
      return NextResponse.redirect(new URL("/account?merge=failed", request.url));
    }
  }
  const response = NextResponse.redirect(new URL(next, request.url));
  response.cookies.delete(guestCookieName);
  // Read once by components/account/merge-notice.tsx, which says what moved and clears it.
  if (merged && merged.reviewsMoved + merged.cardsMoved + merged.cardsReplayed > 0) {
    response.cookies.set(mergeNoticeCookieName, formatMergeNotice(merged), { path: "/", maxAge: 300, sameSite: "lax" });
  }
  return response;
}
