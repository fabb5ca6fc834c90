-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "depth" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "parentExecutionId" TEXT;
