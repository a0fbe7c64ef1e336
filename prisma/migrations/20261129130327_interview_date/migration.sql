-- AlterTable
ALTER TABLE "LearnerSettings" ADD COLUMN "interviewDate" DATETIME;
