-- AlterTable
ALTER TABLE "LearnerSettings" ADD COLUMN "allDecksNewCardsPerDay" INTEGER;
ALTER TABLE "LearnerSettings" ADD COLUMN "allDecksReviewsPerDay" INTEGER;

-- CreateTable
CREATE TABLE "DeckLimits" (
    "userId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "newCardsPerDay" INTEGER,
    "reviewsPerDay" INTEGER,
    "extraNewCards" INTEGER NOT NULL DEFAULT 0,
    "extraNewDayStart" DATETIME,

    PRIMARY KEY ("userId", "deckId"),
    CONSTRAINT "DeckLimits_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeckLimits_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
