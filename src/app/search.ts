// Full-text search over complaint texts with each database's own facility: SQLite FTS5 (unicode61 tokenizer,
// diacritics removed) and PostgreSQL to_tsvector('simple', ka_search_fold(text)) with a GIN index; both
// created by migration 0006. The query is reduced to plain word prefixes here, so no operator, quote or
// wildcard typed by a user reaches either engine (`%` or `*` alone matches nothing).
import type { Db } from '../db/client.js';

/** At most this many matching complaints (newest first) are considered for one search (the client engine binds
 * them as parameters; SQLite allows 999 per statement). A search with more matches says so: `searchCapped`. */
export const SEARCH_CAP = 500;

/** Lower-case, accent-free word tokens of a query ("Jálan  RUSAK!" -> ["jalan", "rusak"]), at most 8. */
export function searchTokens(q: string): string[] {
  return q
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/** Which database a client talks to (Prisma keeps it on the client). */
export function providerOf(db: Db): 'sqlite' | 'postgresql' {
  const p = (db as unknown as { _activeProvider?: string })._activeProvider;
  return p === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** Ids of complaints whose text matches every token as a word prefix, newest first, at most SEARCH_CAP. */
export async function searchComplaintIds(db: Db, q: string): Promise<string[]> {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return [];
  if (providerOf(db) === 'postgresql') {
    // Tokens are letters and digits only, so the tsquery cannot be malformed.
    const tsquery = tokens.map((t) => `${t}:*`).join(' & ');
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM "Complaint" WHERE to_tsvector('simple', ka_search_fold("text")) @@ to_tsquery('simple', ka_search_fold($1)) ORDER BY "createdAt" DESC LIMIT ${SEARCH_CAP}`,
      tsquery,
    );
    return rows.map((r) => r.id);
  }
  const match = tokens.map((t) => `"${t}"*`).join(' ');
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    // Newest first by rowid (insertion order, which is arrival order): FTS5 walks its index backwards and stops
    // at the cap instead of joining and sorting every match by createdAt.
    `SELECT c."id" AS id FROM (SELECT rowid FROM "ComplaintSearch" WHERE "ComplaintSearch" MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CAP}) s JOIN "Complaint" c ON c.rowid = s.rowid`,
    match,
  );
  return rows.map((r) => r.id);
}
