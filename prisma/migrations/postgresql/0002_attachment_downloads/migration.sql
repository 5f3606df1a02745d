-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "downloadAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "downloadError" TEXT;

-- CreateIndex
CREATE INDEX "Attachment_storagePath_downloadAttempts_idx" ON "Attachment"("storagePath", "downloadAttempts");

