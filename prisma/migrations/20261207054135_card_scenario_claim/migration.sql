-- AlterTable
ALTER TABLE "Card" ADD COLUMN "scenarioClaim" TEXT;
