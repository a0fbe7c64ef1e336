// Mechanical guards in the spirit of TigerBeetle's tidy.zig. For lib/sim (STYLE G23, backing the ESLint
// override): the simulation must be deterministic and free of I/O, so it may not read clocks, use ambient
// randomness or timers, or import frameworks, Node built-ins or other app modules. For the whole repository:
// lines fit the prettier width, source files in app/, components/ and lib/ stay within 400 lines, comments
// cite no tracker numbers, every export is imported somewhere, functions do not grow past today's longest,
// and lib/ gains no import cycle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cyclesOf } from "./helpers/tidy/cycles";
import { functionLengths } from "./helpers/tidy/functions";
import {
  ISSUE_CITATION,
  libCycles,
  longFiles,
  longLines,
  unusedExports,
  issueCitations,
} from "./helpers/tidy/repo-checks";
import { codeSources } from "./helpers/tidy/sources";

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
const STRING_CONTEXT =
  /\.split\(\s*["']\|["']\s*\)|JSON\.parse\(\s*(?:\w+\.)?tag\b|\btag\.(?:split|startsWith|endsWith|slice)\(/;

function imports(text: string): string[] {
  return [
    ...text.matchAll(
      new RegExp(
        /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|/.source +
          /import\s*\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/.source,
        "g",
      ),
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

// Each check in this file walks many source files: seconds on a loaded 2-core machine, past
// the unit project's 5 s default for a test. A time limit here guards against a hang, not a speed.
const WHOLE_REPO_SCAN = { timeout: 60_000 };

describe("tidy: lib/sim", WHOLE_REPO_SCAN, () => {
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

  it("carries request context as typed data, never as text to split, slice, prefix-match or parse", () => {
    const offenders = sources.filter((s) => STRING_CONTEXT.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    expect(STRING_CONTEXT.test('const [, key] = r.tag.split("|");')).toBe(true);
    expect(STRING_CONTEXT.test("const d = JSON.parse(r.tag) as Detail;")).toBe(true);
    expect(STRING_CONTEXT.test('const [, op, uid] = r.tag.split(":");')).toBe(true);
    expect(STRING_CONTEXT.test('if (r.tag.startsWith("inf:")) return;')).toBe(true);
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

/**
 * The longest function today (lines from its first to its last): a ratchet, so lower it when that function
 * shrinks, never raise it. At 182: lib/sim/cluster-components/controller-manager/job.ts syncJob.
 */
const FUNCTION_LINES_MAX = 182;

describe(
  "tidy: the repository's code (app, components, lib, scripts, bench, tests, root files)",
  WHOLE_REPO_SCAN,
  () => {
    const sources = codeSources();

    it("has sources to check", () => {
      expect(sources.length).toBeGreaterThan(600);
    });

    it("keeps every line within 120 columns", () => {
      expect(longLines(sources)).toEqual([]);
    });

    it("has no source file in app/, components/ or lib/ over 400 lines (generated code excluded)", () => {
      expect(longFiles(sources)).toEqual([]);
    });

    it("cites no issue number in a comment", () => {
      expect(issueCitations(sources)).toEqual([]);
    });

    it("exports only what another file imports (or the framework reads)", () => {
      expect(unusedExports(sources)).toEqual([]);
    });

    it(`has no function longer than ${FUNCTION_LINES_MAX} lines (a ratchet: lower it, never raise it)`, () => {
      const lengths = sources.flatMap(functionLengths).sort((a, b) => b.lines - a.lines);
      const longest = lengths.slice(0, 5).map((f) => `${f.at} ${f.name}: ${f.lines} lines`);
      expect(lengths[0]!.lines, `the five longest:\n${longest.join("\n")}`).toBeLessThanOrEqual(FUNCTION_LINES_MAX);
    });

    it("has no import cycle in lib/ (shared types sit in leaf files, as etcd-io/raft keeps raftpb)", () => {
      expect(libCycles(sources).map((files) => files.join(" <-> "))).toEqual([]);
    });

    it("catches what it is meant to catch", () => {
      expect(ISSUE_CITATION.test("// Decisions (issues 7 and 13):")).toBe(true);
      expect(ISSUE_CITATION.test("/** fixed in (#12) */")).toBe(true);
      expect(ISSUE_CITATION.test("// upstream's open issue kubernetes/kubernetes#112699")).toBe(false);
      expect(ISSUE_CITATION.test("// the issue is that a watch can lag")).toBe(false);
      const lines = (n: number) => "x\n".repeat(n);
      expect(
        longFiles([
          { file: "lib/sim/long.ts", text: lines(401) },
          { file: "components/no-final-newline.tsx", text: lines(400) + "x" },
          { file: "app/fits.tsx", text: lines(400) },
          { file: "tests/long.test.ts", text: lines(900) },
        ]),
      ).toEqual(["lib/sim/long.ts: 401 lines", "components/no-final-newline.tsx: 401 lines"]);
      const graph = new Map([
        ["a", new Set(["b"])],
        ["b", new Set(["c"])],
        ["c", new Set(["a"])],
        ["d", new Set(["a"])],
      ]);
      expect(cyclesOf(graph)).toEqual([["a", "b", "c"]]);
    });
  },
);
