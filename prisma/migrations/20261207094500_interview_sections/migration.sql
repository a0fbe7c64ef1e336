-- AlterTable
ALTER TABLE "Card" ADD COLUMN "followUps" JSONB;
ALTER TABLE "Card" ADD COLUMN "keyPoints" JSONB;
ALTER TABLE "Card" ADD COLUMN "sayItHtml" TEXT;

-- CreateTable
CREATE TABLE "InterviewAnswer" (
    "quizQuestionId" TEXT NOT NULL PRIMARY KEY,
    "answerText" TEXT,
    "answeredAt" DATETIME NOT NULL,
    "hinted" JSONB NOT NULL,
    "ticked" JSONB,
    "keyPointCount" INTEGER,
    "tickedAt" DATETIME,
    "followUpQuestion" TEXT,
    "followUpCardId" TEXT,
    "followUpText" TEXT,
    "followUpAnsweredAt" DATETIME,
    "followUpHinted" JSONB,
    "followUpTicked" JSONB,
    "followUpPointCount" INTEGER,
    CONSTRAINT "InterviewAnswer_quizQuestionId_fkey" FOREIGN KEY ("quizQuestionId") REFERENCES "QuizQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
