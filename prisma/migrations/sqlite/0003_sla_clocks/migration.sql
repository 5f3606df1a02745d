-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "followUpDueAt" DATETIME;
ALTER TABLE "Complaint" ADD COLUMN "followedUpAt" DATETIME;
ALTER TABLE "Complaint" ADD COLUMN "verifyDueAt" DATETIME;

-- CreateIndex
CREATE INDEX "Complaint_status_verifyDueAt_idx" ON "Complaint"("status", "verifyDueAt");

-- CreateIndex
CREATE INDEX "Complaint_status_followUpDueAt_idx" ON "Complaint"("status", "followUpDueAt");

