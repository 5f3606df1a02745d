-- AlterTable
ALTER TABLE "User" ADD COLUMN     "agencyHead" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OfficerChannel" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "displayName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficerLinkCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerLinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficerLinkAttempt" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerLinkAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "threshold" INTEGER NOT NULL,
    "sent" BOOLEAN NOT NULL DEFAULT false,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OfficerChannel_address_key" ON "OfficerChannel"("address");

-- CreateIndex
CREATE INDEX "OfficerChannel_userId_idx" ON "OfficerChannel"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OfficerLinkCode_codeHash_key" ON "OfficerLinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "OfficerLinkCode_userId_idx" ON "OfficerLinkCode"("userId");

-- CreateIndex
CREATE INDEX "OfficerLinkAttempt_address_createdAt_idx" ON "OfficerLinkAttempt"("address", "createdAt");

-- CreateIndex
CREATE INDEX "Reminder_userId_createdAt_idx" ON "Reminder"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_complaintId_clock_dueAt_threshold_userId_key" ON "Reminder"("complaintId", "clock", "dueAt", "threshold", "userId");

-- AddForeignKey
ALTER TABLE "OfficerChannel" ADD CONSTRAINT "OfficerChannel_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficerLinkCode" ADD CONSTRAINT "OfficerLinkCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

