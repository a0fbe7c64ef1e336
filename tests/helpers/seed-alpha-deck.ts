import { loadContent } from "@/lib/content/load";
import { seedContent } from "@/lib/content/seed";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cardFile, createContentFixture, deckFile } from "./content-fixture";

/** Seeds the deck "alpha" with the flashcards c1, c2 and c3, for tests that need a few cards and nothing more. */
export async function seedAlphaDeck(db: PrismaClient, now: Date) {
  const fixture = createContentFixture();
  fixture.write("decks/01-a.md", deckFile("alpha"));
  for (const id of ["c1", "c2", "c3"]) fixture.write(`cards/alpha/${id}.md`, cardFile({ id, deck: "alpha" }));
  await seedContent(db, loadContent(fixture.root), now);
  fixture.cleanup();
}
