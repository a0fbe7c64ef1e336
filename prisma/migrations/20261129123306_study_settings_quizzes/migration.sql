-- AlterTable
ALTER TABLE "CardState" ADD COLUMN "buriedUntil" DATETIME;
ALTER TABLE "CardState" ADD COLUMN "leechAt" DATETIME;
ALTER TABLE "CardState" ADD COLUMN "suspendedAt" DATETIME;

-- CreateTable
CREATE TABLE "LearnerSettings" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "desiredRetention" REAL NOT NULL DEFAULT 0.9,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "learningSteps" TEXT NOT NULL DEFAULT '1m 10m',
    "relearningSteps" TEXT NOT NULL DEFAULT '10m',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "dayStartHour" INTEGER NOT NULL DEFAULT 4,
    "leechThreshold" INTEGER NOT NULL DEFAULT 8,
    "leechAction" TEXT NOT NULL DEFAULT 'suspend',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LearnerSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "deckIds" JSONB NOT NULL,
    "tags" JSONB NOT NULL,
    "timeLimitSec" INTEGER,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Quiz_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quizId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "cardId" TEXT NOT NULL,
    "variantSeed" INTEGER,
    "answer" JSONB,
    "isCorrect" BOOLEAN,
    "rating" INTEGER,
    "answeredAt" DATETIME,
    CONSTRAINT "QuizQuestion_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizQuestion_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "reviewedAt" DATETIME NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "durationMs" INTEGER,
    "stateBefore" JSONB NOT NULL,
    "stateAfter" JSONB NOT NULL,
    "requestKey" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'study',
    "answer" JSONB,
    "isCorrect" BOOLEAN,
    "variantSeed" INTEGER,
    "undoneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReviewLog" ("cardId", "createdAt", "durationMs", "elapsedDays", "id", "rating", "requestKey", "reviewedAt", "scheduledDays", "state", "stateAfter", "stateBefore", "userId") SELECT "cardId", "createdAt", "durationMs", "elapsedDays", "id", "rating", "requestKey", "reviewedAt", "scheduledDays", "state", "stateAfter", "stateBefore", "userId" FROM "ReviewLog";
DROP TABLE "ReviewLog";
ALTER TABLE "new_ReviewLog" RENAME TO "ReviewLog";
CREATE UNIQUE INDEX "ReviewLog_requestKey_key" ON "ReviewLog"("requestKey");
CREATE INDEX "ReviewLog_userId_reviewedAt_idx" ON "ReviewLog"("userId", "reviewedAt");
CREATE INDEX "ReviewLog_cardId_idx" ON "ReviewLog"("cardId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Quiz_userId_startedAt_idx" ON "Quiz"("userId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "QuizQuestion_quizId_position_key" ON "QuizQuestion"("quizId", "position");
