// Mechanical guards for lib/sim (STYLE G23, after TigerBeetle's tidy.zig), backing the ESLint
// override: the simulation must be deterministic and free of I/O, so it may not read clocks, use
// ambient randomness or timers, or import frameworks, Node built-ins or other app modules.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "..", "lib", "sim");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** The source without comments and string contents, so that prose about Date or setTimeout is allowed. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
}

const BANNED: [RegExp, string][] = [
  [/\bMath\.random\b/, "Math.random (use the world's seeded PRNG, lib/sim/core/rng.ts)"],
  [/\bDate\b/, "Date (time is virtual: world.now)"],
  [/\bperformance\b/, "performance (time is virtual: world.now)"],
  [
    /\b(setTimeout|setInterval|setImmediate|queueMicrotask|clearTimeout|clearInterval)\b/,
    "real timers (timers are events in the queue)",
  ],
  [/\bprocess\.(hrtime|nextTick|env)\b/, "process clocks or environment"],
  [/\bcrypto\.(randomUUID|getRandomValues)\b/, "crypto randomness"],
];

/** A request's context decoded from text: its tag split on "|" or parsed as JSON (it is typed data instead). */
const STRING_CONTEXT = /\.split\(\s*["']\|["']\s*\)|JSON\.parse\(\s*(?:\w+\.)?tag\b/;

function imports(text: string): string[] {
  return [
    ...text.matchAll(
      /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

function allowedImport(spec: string): boolean {
  if (spec.startsWith(".")) return true;
  if (spec === "@/lib/sim" || spec.startsWith("@/lib/sim/")) return true;
  if (spec.startsWith("@/")) return false;
  if (
    spec.startsWith("node:") ||
    ["fs", "path", "os", "child_process", "http", "https", "net", "crypto", "timers", "worker_threads"].includes(
      spec.split("/")[0]!,
    )
  )
    return false;
  if (/^(next|react|react-dom|server-only)(\/|$)/.test(spec) || spec.startsWith("@prisma/")) return false;
  return true; // pure npm libraries such as zod
}

describe("tidy: lib/sim", () => {
  const sources = files(ROOT).map((f) => ({
    file: path.relative(path.join(ROOT, "..", ".."), f),
    text: readFileSync(f, "utf8"),
  }));

  it("has sources to check", () => {
    expect(sources.length).toBeGreaterThan(40);
  });

  it.each(BANNED.map(([re, what]) => [what, re] as const))("never uses %s", (_what, re) => {
    const offenders = sources.filter((s) => re.test(code(s.text))).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it("imports only its own files and pure libraries", () => {
    const offenders = sources.flatMap((s) =>
      imports(s.text)
        .filter((spec) => !allowedImport(spec))
        .map((spec) => `${s.file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("carries request context as typed data, never as text split on | or parsed from JSON", () => {
    const offenders = sources.filter((s) => STRING_CONTEXT.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    expect(STRING_CONTEXT.test('const [, key] = r.tag.split("|");')).toBe(true);
    expect(STRING_CONTEXT.test("const d = JSON.parse(r.tag) as Detail;")).toBe(true);
    expect(STRING_CONTEXT.test('const [a, b] = step.split(":");')).toBe(false);
    expect(BANNED.some(([re]) => re.test(code("const x = Math.random();")))).toBe(true);
    expect(BANNED.some(([re]) => re.test(code("const t = new Date();")))).toBe(true);
    expect(BANNED.some(([re]) => re.test(code("// Date is banned here\nconst s = 'setTimeout';")))).toBe(false);
    expect(allowedImport("node:fs")).toBe(false);
    expect(allowedImport("@/lib/db")).toBe(false);
    expect(allowedImport("next/server")).toBe(false);
    expect(allowedImport("zod")).toBe(true);
  });
});
