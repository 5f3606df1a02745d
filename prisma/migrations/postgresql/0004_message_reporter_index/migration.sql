-- CreateIndex
CREATE INDEX "Message_reporterId_createdAt_idx" ON "Message"("reporterId", "createdAt");

