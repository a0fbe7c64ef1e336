import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const virtualTime = "Time in the simulation is virtual: use world.now.";

const eslintConfig = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // lib/sim is a pure, deterministic simulation: no framework, database or I/O, no clocks or
    // ambient randomness (time is virtual, randomness comes from the world's seeded PRNG).
    files: ["lib/sim/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          // Bare Node built-in names are listed exactly: a pattern like "http" would also match ./http.
          paths: [
            "fs",
            "path",
            "child_process",
            "os",
            "http",
            "https",
            "net",
            "crypto",
            "timers",
            "worker_threads",
            "perf_hooks",
          ].map((name) => ({
            name,
            message: "lib/sim does no I/O and reads no clock.",
          })),
          patterns: [
            {
              group: [
                "next",
                "next/*",
                "react",
                "react/*",
                "react-dom",
                "react-dom/*",
                "@prisma/*",
                "@/lib/generated/*",
                "server-only",
              ],
              message: "lib/sim must not depend on the app's framework or database.",
            },
            { group: ["node:*", "fs/*", "timers/*"], message: "lib/sim does no I/O and reads no clock." },
            { group: ["@/lib/*", "!@/lib/sim", "!@/lib/sim/*"], message: "lib/sim depends on nothing app-specific." },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the world's seeded PRNG (lib/sim/rng.ts)." },
        { object: "Date", property: "now", message: virtualTime },
        { object: "performance", property: "now", message: virtualTime },
      ],
      "no-restricted-globals": [
        "error",
        ...["Date", "performance"].map((name) => ({ name, message: virtualTime })),
        ...["setTimeout", "setInterval", "setImmediate", "queueMicrotask"].map((name) => ({
          name,
          message: "Timers are events in the queue.",
        })),
      ],
    },
  },
  // Layout is prettier's (npm run format); ESLint keeps to what a formatter cannot see.
  prettier,
];

export default eslintConfig;
