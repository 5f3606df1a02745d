// One-time codes an officer sends to the bot to link a chat account to their admin account. The code is short
// enough to type on a phone (6 digits), lives a few minutes, is used once, and only its HMAC is stored.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { type Db, isUniqueViolation, type Tx } from '../db/client.js';

/** KeyValue row holding the server key. */
export const LINK_CODE_KEY = 'officer.linkCodeKey';
const keys = new WeakMap<Db, Promise<Buffer>>();

async function loadOrCreateKey(db: Db): Promise<Buffer> {
  const existing = await db.keyValue.findUnique({ where: { key: LINK_CODE_KEY } });
  if (existing) return Buffer.from(existing.value, 'base64');
  try {
    await db.keyValue.create({ data: { key: LINK_CODE_KEY, value: randomBytes(32).toString('base64') } });
  } catch (err) {
    // Another instance made it at the same moment: use theirs.
    if (!isUniqueViolation(err)) throw err;
  }
  return Buffer.from((await db.keyValue.findUniqueOrThrow({ where: { key: LINK_CODE_KEY } })).value, 'base64');
}

/** The server key codes are hashed under (kept in KeyValue so every instance agrees; cached per database). */
export function linkCodeKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = loadOrCreateKey(db);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** HMAC-SHA-256 of a code: a million codes hashed without the key tell an attacker nothing. */
export function hashLinkCode(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(`officer-link:${code}`).digest('hex');
}

/** Whether a typed code has the shape we hand out (6 digits). */
export const isLinkCodeShape = (code: string) => /^\d{6}$/.test(code);

/**
 * Makes a fresh code for a user, replacing their earlier unused codes (only the newest one works). Another
 * user's live code with the same digits is a unique-index clash: a new code is drawn.
 */
export async function createLinkCode(db: Db, userId: string, now: Date, ttlMinutes: number) {
  const key = await linkCodeKey(db);
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
  for (let attempt = 1; ; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await db.$transaction(async (tx) => {
        // Spent and expired codes of anyone free their digits; this user's older codes stop working.
        await tx.officerLinkCode.deleteMany({
          where: { OR: [{ userId }, { expiresAt: { lt: now } }, { usedAt: { not: null } }] },
        });
        await tx.officerLinkCode.create({ data: { userId, codeHash: hashLinkCode(key, code), expiresAt } });
      });
      return { code, expiresAt };
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

/** Takes a live code (marks it used) and returns its user id, or null when it is wrong, spent or expired. */
export async function consumeLinkCode(tx: Tx, key: Buffer, code: string, now: Date): Promise<string | null> {
  if (!isLinkCodeShape(code)) return null;
  const row = await tx.officerLinkCode.findUnique({ where: { codeHash: hashLinkCode(key, code) } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  // Conditional update: of two messages racing with the same code, one takes it.
  const { count } = await tx.officerLinkCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  return count === 1 ? row.userId : null;
}

/** Deletes what linking leaves behind: spent or expired codes, and wrong-code attempts older than the hour counted. */
export async function purgeLinkLeftovers(db: Db, now: Date): Promise<number> {
  const codes = await db.officerLinkCode.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] },
  });
  const attempts = await db.officerLinkAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - 3_600_000) } },
  });
  return codes.count + attempts.count;
}
