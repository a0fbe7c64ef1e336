-- AlterTable
ALTER TABLE "LearnerSettings" ADD COLUMN "fsrsWeights" JSONB;
