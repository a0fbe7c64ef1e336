import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string | null; name: string | null };

/** The signed-in user of this request, or null (a guest). Read once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Most requests come from guests: without next-auth's session cookie there is nothing to decode.
  const jar = await cookies();
  if (!jar.has("next-auth.session-token") && !jar.has("__Secure-next-auth.session-token")) return null;
  const session = await getServerSession(authOptions);
  const user = session?.user;
  return user?.id ? { id: user.id, email: user.email ?? null, name: user.name ?? null } : null;
});
