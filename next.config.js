/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay as plain Node requires on the server; so does piscina,
  // which starts worker threads from its own files (lib/pool).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/schema-engine-wasm", "shiki", "piscina"],
  // `npm test` runs `tsc --noEmit` on everything; the build need not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Deck imports go through a server action: 5 MB files (lib/import/limits.ts) plus form overhead.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
};

export default nextConfig;
