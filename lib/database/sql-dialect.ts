import { Prisma } from "@/lib/generated/prisma/client";
import { databaseProvider } from "@/lib/env-defaults";
import { toFtsQuery, toTsQuery } from "@/lib/search/fts-query";

// The few SQL fragments that differ between SQLite and PostgreSQL, for the raw queries that
// Prisma's API cannot express. Everything else our raw SQL says is written once, in the syntax
// both accept (quoted identifiers, INSERT … ON CONFLICT, RETURNING, CASE, COALESCE, substr).
export type SqlDialect = {
  /**
   * `c."id" IN (…)`: the cards whose prompt or answer hold every word (the last as a prefix); null when the text has no
   * word.
   */
  cardIdMatches(text: string): Prisma.Sql | null;
  /** True when the JSON array in `column` holds the string `value`. */
  jsonArrayHas(column: Prisma.Sql, value: string): Prisma.Sql;
  /**
   * A FROM item `t` over the JSON array in `column`, and the condition keeping its string elements, each as t."value".
   */
  jsonStrings(column: Prisma.Sql): { from: Prisma.Sql; where: Prisma.Sql };
  /** The UTF-8 byte length of a text column. */
  byteLength(column: Prisma.Sql): Prisma.Sql;
};

const sqlite: SqlDialect = {
  cardIdMatches(text) {
    const match = toFtsQuery(text);
    return match === null
      ? null
      : Prisma.sql`c."id" IN (SELECT k."cardId" FROM "CardSearch" s JOIN "CardSearchKey" k ON k."id" = s."rowid"
          WHERE "CardSearch" MATCH ${match})`;
  },
  jsonArrayHas: (column, value) => Prisma.sql`EXISTS (SELECT 1 FROM json_each(${column}) t WHERE t."value" = ${value})`,
  jsonStrings: (column) => ({ from: Prisma.sql`json_each(${column}) t`, where: Prisma.sql`t."type" = 'text'` }),
  byteLength: (column) => Prisma.sql`length(CAST(${column} AS BLOB))`,
};

const postgresql: SqlDialect = {
  cardIdMatches(text) {
    const query = toTsQuery(text);
    return query === null
      ? null
      : Prisma.sql`c."id" IN (SELECT s."cardId" FROM "CardSearch" s
          WHERE s."document" @@ to_tsquery('english', ${query}))`;
  },
  jsonArrayHas: (column, value) => Prisma.sql`${column} @> jsonb_build_array(${value}::text)`,
  jsonStrings: (column) => ({
    from: Prisma.sql`LATERAL (SELECT e #>> '{}' AS "value" FROM jsonb_array_elements(${column}) e
      WHERE jsonb_typeof(e) = 'string') t`,
    where: Prisma.sql`TRUE`,
  }),
  byteLength: (column) => Prisma.sql`octet_length(${column})`,
};

/** The dialect of the database DATABASE_URL names (env-defaults.ts databaseProvider). */
export function sqlDialect(): SqlDialect {
  return databaseProvider() === "postgresql" ? postgresql : sqlite;
}
