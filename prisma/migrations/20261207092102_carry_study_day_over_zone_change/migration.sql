-- AlterTable
ALTER TABLE "LearnerSettings" ADD COLUMN "carriedDayStart" DATETIME;
ALTER TABLE "LearnerSettings" ADD COLUMN "dayChangedAt" DATETIME;
