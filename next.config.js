import { staticSecurityHeaders } from "./lib/security/static-headers.js";

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay as plain Node requires on the server; so does piscina,
  // which starts worker threads from its own files (lib/pool).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "shiki",
    "piscina",
  ],
  // `npm test` runs `tsc --noEmit` on everything; the build need not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Deck imports go through a server action: 5 MB files (lib/import/limits.ts) plus form overhead,
  // with room for a file somewhat over the limit to arrive and be refused with its "over 5 MB" message.
  // authInterrupts: unauthorized() answers a deleted account's leftover session with a 401 (lib/data/learners.ts).
  experimental: { serverActions: { bodySizeLimit: "8mb" }, authInterrupts: true },
  // nosniff, Referrer-Policy, X-Frame-Options and Permissions-Policy on every response; the CSP,
  // which needs a per-request nonce, is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders }];
  },
};

export default nextConfig;
