import { sqlDialect } from "@/lib/database/sql-dialect";
import { Prisma } from "@/lib/generated/prisma/client";

// Not marked server-only: lib/data/save-imported-deck.ts, which the command line also runs, reads it.

/**
 * What the learner's imported cards take now, in bytes: the Markdown or HTML source and the HTML
 * rendered from it, UTF-8, as lib/import/storage-quota.ts's cardBytesOf counts a new card.
 */
export async function storedCardBytes(tx: Prisma.TransactionClient, ownerId: string): Promise<number> {
  const bytes = sqlDialect().byteLength;
  const rows = await tx.$queryRaw<{ bytes: bigint | number | string | null }[]>`
    SELECT SUM(${bytes(Prisma.sql`c."prompt"`)} + ${bytes(Prisma.sql`c."answer"`)}
      + ${bytes(Prisma.sql`c."promptHtml"`)} + ${bytes(Prisma.sql`c."answerHtml"`)}) AS "bytes"
    FROM "Card" c JOIN "Deck" d ON d."id" = c."deckId" WHERE d."ownerId" = ${ownerId}`;
  return Number(rows[0]?.bytes ?? 0);
}
