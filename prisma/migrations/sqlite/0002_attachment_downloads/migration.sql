-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "platformFileId" TEXT,
    "mimeType" TEXT,
    "caption" TEXT,
    "storagePath" TEXT,
    "sizeBytes" INTEGER,
    "downloadAttempts" INTEGER NOT NULL DEFAULT 0,
    "downloadError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Attachment" ("caption", "complaintId", "createdAt", "id", "kind", "messageId", "mimeType", "platformFileId", "sizeBytes", "storagePath") SELECT "caption", "complaintId", "createdAt", "id", "kind", "messageId", "mimeType", "platformFileId", "sizeBytes", "storagePath" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_complaintId_idx" ON "Attachment"("complaintId");
CREATE INDEX "Attachment_storagePath_downloadAttempts_idx" ON "Attachment"("storagePath", "downloadAttempts");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

