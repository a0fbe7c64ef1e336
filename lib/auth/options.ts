import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { clock } from "@/lib/clock";
import { isActiveAccount } from "@/lib/data/accounts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/ops/log";
import { safeNextPath } from "@/lib/validations/next-path";
import { signInWithPassword } from "./sign-in";

/** Sessions last this long without a visit (next-auth renews a JWT session as it is used). */
const sessionMaxAgeSeconds = 30 * 24 * 60 * 60;

/** The one error for any wrong email or password, so that it never tells which was wrong. */
const wrongCredentials = "WrongCredentials";
/** `Throttled:<minutes>`: too many attempts; the form says how many minutes to wait. */
const throttled = "Throttled";
/** Why a session stopped working: its account was deleted. */
export const sessionEnded = "SessionEnded";

/** Email and password, checked against the argon2id hash once the attempt is within the sign-in limits. */
const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(input, request) {
    const now = clock.now();
    const result = await signInWithPassword({
      input,
      headers: request?.headers,
      trustedProxies: env.QUORUM_TRUSTED_PROXIES,
      now,
    });
    if (result.ok) return result.user;
    throw new Error(
      result.code === "throttled" ? `${throttled}:${Math.ceil(result.retryAfterMs / 60_000)}` : wrongCredentials,
    );
  },
});

/** GitHub sign-in, only when GITHUB_ID and GITHUB_SECRET are set (see README). */
const github =
  process.env.GITHUB_ID && process.env.GITHUB_SECRET
    ? GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET })
    : null;

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
        log.info("next-auth: a session of a deleted account was refused and its cookie cleared");
        return;
      }
      log.error({ code, metadata }, "next-auth error");
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
