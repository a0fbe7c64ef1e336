import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string | null; name: string | null };

/** next-auth's session cookie, plain or __Secure-, whole or in chunks (".0", ".1", …). */
export const sessionCookiePattern = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Whether this request carries a session cookie, valid or not. */
export async function hasSessionCookie(): Promise<boolean> {
  return (await cookies()).getAll().some((cookie) => sessionCookiePattern.test(cookie.name));
}

/** The signed-in user of this request, or null (a guest, or a session that ended). Read once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Most requests come from guests: without next-auth's session cookie there is nothing to decode.
  if (!(await hasSessionCookie())) return null;
  const session = await getServerSession(authOptions);
  const user = session?.user;
  return user?.id ? { id: user.id, email: user.email ?? null, name: user.name ?? null } : null;
});
