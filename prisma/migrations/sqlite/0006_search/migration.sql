-- CreateIndex
CREATE INDEX "Complaint_status_mergedIntoId_createdAt_idx" ON "Complaint"("status", "mergedIntoId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_mergedIntoId_createdAt_idx" ON "Complaint"("mergedIntoId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_assignedAgency_createdAt_idx" ON "Complaint"("assignedAgency", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_updatedAt_idx" ON "Complaint"("updatedAt");


-- Full-text search (not in schema.prisma: Prisma has no model for it). FTS5 over Complaint.text as an
-- external-content table keyed by Complaint's rowid; triggers keep it in step. unicode61 with
-- remove_diacritics 2 folds case and accents. A later migration that redefines "Complaint" (Prisma's
-- copy-and-rename) drops these triggers and must recreate them and run the 'rebuild' below; so must a VACUUM
-- (it may renumber rowids). test/integration/schema-drift.test.ts ignores the FTS5 shadow tables.
CREATE VIRTUAL TABLE "ComplaintSearch" USING fts5("text", content='Complaint', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER "Complaint_search_ai" AFTER INSERT ON "Complaint" BEGIN INSERT INTO "ComplaintSearch"(rowid, "text") VALUES (new.rowid, new."text"); END;

CREATE TRIGGER "Complaint_search_ad" AFTER DELETE ON "Complaint" BEGIN INSERT INTO "ComplaintSearch"("ComplaintSearch", rowid, "text") VALUES ('delete', old.rowid, old."text"); END;

CREATE TRIGGER "Complaint_search_au" AFTER UPDATE OF "text" ON "Complaint" BEGIN INSERT INTO "ComplaintSearch"("ComplaintSearch", rowid, "text") VALUES ('delete', old.rowid, old."text"); INSERT INTO "ComplaintSearch"(rowid, "text") VALUES (new.rowid, new."text"); END;

INSERT INTO "ComplaintSearch"("ComplaintSearch") VALUES ('rebuild');
