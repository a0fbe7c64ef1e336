// npm run db:seed – upserts content/ into the database in one transaction (see lib/content/seed.ts).
import { loadContent } from "@/lib/content/load";
import { seedContent, type SeedCounts } from "@/lib/content/seed";
import { createPrismaClient } from "@/lib/database/client";
import { databaseUrl } from "@/lib/env-defaults";
import { runScript } from "./run-script";

const describe = (counts: SeedCounts) =>
  `${counts.created} new, ${counts.updated} updated, ${counts.retired} retired, ${counts.unchanged} unchanged`;

await runScript(async () => {
  const content = loadContent(); // throws before anything is written if any file is invalid
  const db = createPrismaClient(databaseUrl());
  try {
    const summary = await seedContent(db, content, new Date());
    console.log(`Seeded decks: ${describe(summary.decks)}; cards: ${describe(summary.cards)}.`);
  } finally {
    await db.$disconnect();
  }
});
