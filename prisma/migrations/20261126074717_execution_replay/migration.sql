-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "replayFromNodeId" TEXT,
ADD COLUMN     "replayOfId" TEXT;

-- AlterTable
ALTER TABLE "NodeRun" ADD COLUMN     "reused" BOOLEAN NOT NULL DEFAULT false;
