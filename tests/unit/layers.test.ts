// The layers of ARCHITECTURE.md, checked on the import graph: arrows point app → components → lib,
// the database is reached only through lib/data (and the few modules named below), the pure layers
// import no data access, each route calls only its own server actions, and the simulation's engine
// core (lib/sim/core) imports none of the components it runs.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf } from "../helpers/tidy/modules";
import { codeSources } from "../helpers/tidy/sources";

/** One import, by repository path without extension ("lib/data/study"), or a package name. */
type ImportEdge = { from: string; to: string; isTypeOnly: boolean };

const modulePath = (file: string) => file.replace(/\.(tsx?|mts|mjs|js)$/, "").replace(/\/index$/, "");
const isUnder = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

/** The database: the client, its driver adapters, the generated Prisma client and the schema engine. */
const isDatabase = (to: string) =>
  ["lib/db", "lib/database", "lib/sqlite", "lib/generated"].some((folder) => isUnder(to, folder)) ||
  to.startsWith("@prisma/") ||
  to === "better-sqlite3" ||
  to === "pg";

/**
 * Who may reach the database: the data access layer, the database's own modules, next-auth's
 * Prisma adapter, the sign-in throttle, the readiness probe, and the content seed run at start.
 */
const databaseUsers = [
  "lib/data",
  "lib/db",
  "lib/database",
  "lib/sqlite",
  "lib/auth/options",
  "lib/auth/sign-in",
  "lib/ops/readiness",
  "lib/content/seed",
];

/**
 * An Anki package's collection is itself a SQLite file: the .apkg reader and writer open it in memory
 * with better-sqlite3 as a file format, never Quorum's database.
 */
const readsAnkiCollection = (from: string, to: string) =>
  to === "better-sqlite3" && (isUnder(from, "lib/import/apkg") || isUnder(from, "lib/export/apkg"));

/** Layers that are pure code: no data access, so they run the same in a route, a script and a test. */
const pureLayers = [
  "lib/import",
  "lib/export",
  "lib/validations",
  "lib/sim",
  "lib/srs",
  "lib/study",
  "lib/replay",
  "lib/interview",
  "lib/progress",
];

const isActions = (file: string) => isUnder(file, "app") && /^(.+-)?actions$/.test(path.posix.basename(file));

/** The route folder that owns a private folder (`_lib`, `_components`) in app/, if `file` is inside one. */
function privateFolderOwner(file: string): string | null {
  const segments = file.split("/");
  const index = segments.findIndex((segment, i) => i > 0 && segment.startsWith("_"));
  return segments[0] === "app" && index > 0 ? segments.slice(0, index).join("/") : null;
}

/** Each import that breaks a layer rule, as "from → to: the rule". */
function layerViolations(edges: ImportEdge[]): string[] {
  return edges.flatMap(({ from, to, isTypeOnly }) => {
    const broken: string[] = [];
    if (isDatabase(to) && !databaseUsers.some((folder) => isUnder(from, folder)) && !readsAnkiCollection(from, to)) {
      broken.push("only lib/data (and the modules ARCHITECTURE.md names) reach the database");
    }
    if (pureLayers.some((folder) => isUnder(from, folder)) && (isUnder(to, "lib/data") || to === "server-only")) {
      broken.push("a pure layer reads no data");
    }
    if (["lib/db", "lib/database", "lib/sqlite"].some((folder) => isUnder(from, folder)) && isUnder(to, "lib/data")) {
      broken.push("lib/data → lib/db, never back");
    }
    if (isUnder(from, "lib") && (isUnder(to, "app") || isUnder(to, "components"))) {
      broken.push("lib imports neither routes nor components");
    }
    if (isUnder(from, "components") && isUnder(to, "app")) broken.push("components import no route");
    if (isUnder(from, "lib/sim/core") && to.startsWith("lib/") && !isUnder(to, "lib/sim/core")) {
      broken.push("the engine core imports only itself, types included (components register with it)");
    }
    if (isUnder(from, "components") && isUnder(to, "lib/data") && !isTypeOnly) {
      broken.push("components take lib/data's types only (the data comes from the route)");
    }
    if (isActions(to) && path.posix.dirname(from) !== path.posix.dirname(to)) {
      const owner = path.posix.dirname(to);
      if (privateFolderOwner(from) !== owner) broken.push("a route calls its own actions only");
    }
    const owner = privateFolderOwner(to);
    if (owner && !isUnder(from, owner)) broken.push("a route's private folder is its own");
    return broken.map((rule) => `${from} → ${to}: ${rule}`);
  });
}

describe("layers (ARCHITECTURE.md)", () => {
  const edges: ImportEdge[] = codeSources()
    .filter((source) => ["app", "components", "lib"].some((folder) => isUnder(source.file, folder)))
    .flatMap((source) => importsOf(source))
    .map(({ from, to, isTypeOnly }) => ({ from: modulePath(from), to: modulePath(to), isTypeOnly }));

  it("reads the whole import graph", () => {
    expect(edges.length).toBeGreaterThan(1_000);
    expect(edges).toContainEqual({ from: "lib/data/study", to: "lib/db", isTypeOnly: false });
  });

  it("holds for every import in app, components and lib", () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it("reports each kind of leak it is meant to catch", () => {
    const edge = (from: string, to: string, isTypeOnly = false): ImportEdge => ({ from, to, isTypeOnly });
    const leaks = [
      edge("lib/import/save-deck", "lib/generated/prisma/client", true),
      edge("lib/validations/review", "lib/data/study", true),
      edge("lib/export/format-anki-export", "lib/db"),
      edge("lib/sim/core/run", "lib/data/simulations"),
      edge("app/study/[deckId]/page", "@prisma/client"),
      edge("lib/import/apkg/read-collection", "lib/db"),
      edge("lib/import/parse-import", "better-sqlite3"),
      edge("lib/database/client", "lib/data/study"),
      edge("lib/data/study", "app/study/[deckId]/actions"),
      edge("components/cards/card-form", "app/cards/actions", true),
      edge("components/study/study-card", "lib/data/answers"),
      edge("app/quiz/[quizId]/page", "app/study/[deckId]/actions"),
      edge("app/quiz/[quizId]/page", "app/quiz/actions"),
      edge("app/browse/study/actions", "app/study/[deckId]/deck-actions"),
      edge("app/browse/study/actions", "app/study/[deckId]/_lib/grade-card"),
      edge("lib/sim/core/step", "lib/sim/cluster-components/registry"),
      edge("lib/sim/core/messages", "lib/sim/raft/types", true),
      edge("lib/sim/core/lifecycle", "lib/sim/etcd/restore"),
    ];
    for (const leak of leaks) expect(layerViolations([leak]), `${leak.from} → ${leak.to}`).not.toEqual([]);
    const allowed = [
      edge("lib/data/study", "lib/db"),
      edge("lib/auth/options", "lib/db"),
      edge("lib/import/apkg/read-collection", "better-sqlite3"),
      edge("components/study/study-card", "lib/data/answers", true),
      edge("app/study/[deckId]/page", "app/study/[deckId]/actions"),
      edge("app/study/[deckId]/page", "app/study/[deckId]/deck-actions"),
      edge("app/sim/scheduler/_components/form", "app/sim/scheduler/actions"),
      edge("app/sim/scheduler/page", "app/sim/scheduler/_lib/load-scheduler-presets"),
      edge("lib/sim/core/step", "lib/sim/core/extensions"),
      edge("lib/sim/cluster-components/registry", "lib/sim/core/extensions"),
    ];
    for (const ok of allowed) expect(layerViolations([ok]), `${ok.from} → ${ok.to}`).toEqual([]);
  });
});
