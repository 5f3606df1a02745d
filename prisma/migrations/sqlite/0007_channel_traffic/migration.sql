-- AlterTable
ALTER TABLE "ChannelIdentity" ADD COLUMN "unreachableAt" DATETIME;
ALTER TABLE "ChannelIdentity" ADD COLUMN "unreachableReason" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "disposition" TEXT;
ALTER TABLE "Message" ADD COLUMN "editedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "platformMessageId" TEXT;

-- CreateIndex
CREATE INDEX "ChannelIdentity_address_idx" ON "ChannelIdentity"("address");

-- CreateIndex
CREATE INDEX "Message_channel_platformMessageId_idx" ON "Message"("channel", "platformMessageId");

-- CreateIndex
CREATE INDEX "Message_disposition_createdAt_idx" ON "Message"("disposition", "createdAt");

-- CreateIndex
CREATE INDEX "Outbox_platformMessageId_idx" ON "Outbox"("platformMessageId");

