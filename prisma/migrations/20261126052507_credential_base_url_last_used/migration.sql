-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "baseUrl" TEXT,
ADD COLUMN     "lastUsedAt" TIMESTAMP(3),
ADD COLUMN     "rotatedAt" TIMESTAMP(3);
