-- AlterTable
ALTER TABLE "Reporter" ADD COLUMN "contact" TEXT;

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "mergedIntoId" TEXT;
ALTER TABLE "Complaint" ADD COLUMN "ratedAt" DATETIME;
ALTER TABLE "Complaint" ADD COLUMN "rating" INTEGER;
ALTER TABLE "Complaint" ADD COLUMN "ratingComment" TEXT;

-- AlterTable
ALTER TABLE "StatusEvent" ADD COLUMN "publicNote" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "deliveredAt" DATETIME;
ALTER TABLE "Outbox" ADD COLUMN "userId" TEXT;

-- CreateTable
CREATE TABLE "ComplaintNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ComplaintNote_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "detail" TEXT,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "reporterId" TEXT,
    "complaintId" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);
INSERT INTO "new_Message" ("channel", "complaintId", "createdAt", "direction", "error", "externalId", "id", "kind", "payload", "processedAt", "reporterId", "state", "text") SELECT "channel", "complaintId", "createdAt", "direction", "error", "externalId", "id", "kind", "payload", "processedAt", "reporterId", "state", "text" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_complaintId_idx" ON "Message"("complaintId");
CREATE INDEX "Message_state_idx" ON "Message"("state");
CREATE INDEX "Message_state_nextAttemptAt_idx" ON "Message"("state", "nextAttemptAt");
CREATE INDEX "Message_reporterId_createdAt_idx" ON "Message"("reporterId", "createdAt");
CREATE UNIQUE INDEX "Message_channel_externalId_key" ON "Message"("channel", "externalId");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'admin',
    "agencyCode" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_User" ("agencyCode", "createdAt", "email", "id", "name", "passwordHash", "role") SELECT "agencyCode", "createdAt", "email", "id", "name", "passwordHash", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ComplaintNote_complaintId_createdAt_idx" ON "ComplaintNote"("complaintId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "Complaint_mergedIntoId_idx" ON "Complaint"("mergedIntoId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

