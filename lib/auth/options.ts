import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { isActiveAccount } from "@/lib/data/accounts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validations/auth";
import { safeNextPath } from "@/lib/validations/next-path";
import { getDecoyHash, verifyPassword } from "./password";
import { blockedUntil, clearFailures, recordFailure, type ThrottleKey } from "./throttle";

/** Sessions last this long without a visit (next-auth renews a JWT session as it is used). */
export const sessionMaxAgeSeconds = 30 * 24 * 60 * 60;

/** The one message for any wrong email or password, so that it never tells which was wrong. */
export const wrongCredentials = "WrongCredentials";
export const throttled = "Throttled";
/** Why a session stopped working: its account was deleted. */
export const sessionEnded = "SessionEnded";

/** The client's address as the reverse proxy in front reports it; unknown (null) without one. */
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  return (typeof forwarded === "string" ? forwarded.split(",")[0]!.trim() : "") || null;
}

/** Email and password, checked against the argon2id hash; failures are throttled per email and per address. */
const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(input, request) {
    const parsed = signInSchema.safeParse(input);
    if (!parsed.success) throw new Error(wrongCredentials);
    const now = new Date();
    const address = clientAddress(request?.headers);
    const keys: ThrottleKey[] = [{ kind: "email", value: parsed.data.email }, ...(address ? [{ kind: "address" as const, value: address }] : [])];
    if (await blockedUntil(keys, now)) throw new Error(throttled);
    const user = await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true, email: true, name: true, passwordHash: true } });
    const isValid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), parsed.data.password);
    if (!user?.passwordHash || !isValid) {
      await recordFailure(keys, now);
      throw new Error(wrongCredentials);
    }
    await clearFailures(keys);
    return { id: user.id, email: user.email, name: user.name };
  },
});

/** GitHub sign-in, only when GITHUB_ID and GITHUB_SECRET are set (see README). */
const github = process.env.GITHUB_ID && process.env.GITHUB_SECRET ? GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }) : null;

export const isGitHubEnabled = github !== null;

export const authOptions: NextAuthOptions = {
  adapter: PrismaAdapter(db as never),
  providers: github ? [credentials, github] : [credentials],
  secret: env.AUTH_SECRET,
  // Email-and-password sign-in needs JWT sessions in next-auth 4; they expire after maxAge unused.
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
  pages: { signIn: "/login" },
  logger: {
    // A deleted account's session failing is expected: one line, not next-auth's error and stack.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.message === sessionEnded) {
        console.info("next-auth: a session of a deleted account was refused and its cookie cleared");
        return;
      }
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
  callbacks: {
    // A JWT cannot be revoked, so every use checks that its account still exists: a deleted
    // account's session then fails here, and next-auth answers "signed out" and clears its cookie.
    async jwt({ token, user }) {
      if (user) return token; // signing in right now
      if (!token.sub || !(await isActiveAccount(token.sub))) throw new Error(sessionEnded);
      return token;
    },
    // callbackUrl goes through the same check as every `next`: a path on this site, or "/".
    redirect({ url, baseUrl }) {
      const origin = new URL(baseUrl).origin;
      const path = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
      return `${origin}${safeNextPath(path)}`;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
