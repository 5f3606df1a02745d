-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "followUpDueAt" TIMESTAMP(3),
ADD COLUMN     "followedUpAt" TIMESTAMP(3),
ADD COLUMN     "verifyDueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Complaint_status_verifyDueAt_idx" ON "Complaint"("status", "verifyDueAt");

-- CreateIndex
CREATE INDEX "Complaint_status_followUpDueAt_idx" ON "Complaint"("status", "followUpDueAt");

