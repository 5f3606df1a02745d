-- AlterTable
ALTER TABLE "ChannelIdentity" ADD COLUMN     "unreachableAt" TIMESTAMP(3),
ADD COLUMN     "unreachableReason" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "disposition" TEXT,
ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "platformMessageId" TEXT;

-- CreateIndex
CREATE INDEX "ChannelIdentity_address_idx" ON "ChannelIdentity"("address");

-- CreateIndex
CREATE INDEX "Message_channel_platformMessageId_idx" ON "Message"("channel", "platformMessageId");

-- CreateIndex
CREATE INDEX "Message_disposition_createdAt_idx" ON "Message"("disposition", "createdAt");

-- CreateIndex
CREATE INDEX "Outbox_platformMessageId_idx" ON "Outbox"("platformMessageId");

