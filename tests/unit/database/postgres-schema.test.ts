import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { databaseProvider } from "@/lib/env-defaults";
import { postgresSchemaFile, postgresSchemaOf, sqliteSchemaFile } from "@/scripts/postgres-schema.mjs";

describe("the PostgreSQL schema derived from prisma/schema.prisma", () => {
  it("is the committed prisma/postgres/schema.prisma (fails when stale: run node scripts/postgres-schema.mjs)", () => {
    expect(readFileSync(postgresSchemaFile, "utf8")).toBe(postgresSchemaOf(readFileSync(sqliteSchemaFile, "utf8")));
  });

  it("differs only in its header, provider and generated client folder", () => {
    const sqlite = readFileSync(sqliteSchemaFile, "utf8").split("\n");
    const postgres = readFileSync(postgresSchemaFile, "utf8").split("\n").slice(1);
    const changed = postgres.filter((line, index) => line !== sqlite[index]).map((line) => line.trim());
    expect(changed).toEqual(['output   = "../../lib/generated/prisma-pg"', 'provider = "postgresql"']);
  });

  it("refuses a schema whose provider line it cannot find", () => {
    expect(() => postgresSchemaOf('generator client {\n  output = "../lib/generated/prisma"\n}\n')).toThrow(
      /expected a line matching/,
    );
  });
});

describe("databaseProvider", () => {
  it("reads SQLite from a file: URL and PostgreSQL from a postgres(ql):// URL", () => {
    expect(databaseProvider("file:./data/quorum.db")).toBe("sqlite");
    expect(databaseProvider("postgresql://quorum@db:5432/quorum")).toBe("postgresql");
    expect(databaseProvider("postgres://quorum@db/quorum")).toBe("postgresql");
  });

  it("refuses any other database with a message that names the setting", () => {
    expect(() => databaseProvider("mysql://root@db/quorum")).toThrow(
      'DATABASE_URL must be a SQLite file: URL or a postgresql:// URL, got "mysql://root@db/quorum"',
    );
  });
});
