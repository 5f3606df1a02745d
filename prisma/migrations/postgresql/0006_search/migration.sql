-- CreateIndex
CREATE INDEX "Complaint_status_mergedIntoId_createdAt_idx" ON "Complaint"("status", "mergedIntoId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_mergedIntoId_createdAt_idx" ON "Complaint"("mergedIntoId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_assignedAgency_createdAt_idx" ON "Complaint"("assignedAgency", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_updatedAt_idx" ON "Complaint"("updatedAt");


-- Full-text search (not in schema.prisma: Prisma has no model for it). The unaccent extension is not
-- available everywhere, so ka_search_fold lower-cases and strips common Latin accents with translate(),
-- which is IMMUTABLE and can back an expression GIN index. test/integration/schema-drift.test.ts ignores it.
CREATE OR REPLACE FUNCTION ka_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT translate(lower(t), 'áàâäãåāăąçćčďđéèêëēėęěíìîïīįıñńňóòôöõøōőŕřśšşťúùûüūůűųýÿžźż', 'aaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooorrssstuuuuuuuuyyzzz') $$;

CREATE INDEX "Complaint_search_idx" ON "Complaint" USING GIN (to_tsvector('simple', ka_search_fold("text")));
