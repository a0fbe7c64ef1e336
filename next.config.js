import { staticSecurityHeaders } from "./lib/security/static-headers.js";

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay as plain Node requires on the server.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/schema-engine-wasm", "shiki"],
  // `npm test` runs `tsc --noEmit` on everything; the build need not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Deck imports go through a server action: 5 MB files (lib/import/limits.ts) plus form overhead.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // nosniff, Referrer-Policy, X-Frame-Options and Permissions-Policy on every response; the CSP,
  // which needs a per-request nonce, is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders }];
  },
};

export default nextConfig;
