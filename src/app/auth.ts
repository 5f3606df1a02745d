// Admin accounts and sessions. Passwords are hashed with scrypt (Node's built-in memory-hard KDF);
// session cookies carry a random token, the database keeps only its SHA-256.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../db/client.js';
import type { User } from '../generated/sqlite/client.js';
import { recordFailure, resetAccount, throttleKeys, throttleState } from './login-throttle.js';
import type { Role } from './roles.js';
import { type Semaphore, SemaphoreFullError } from './semaphore.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Hash format: scrypt$N$r$p$salt$hash (base64), so parameters can be raised later without breaking logins. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time check of a password against a stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The session id (a SHA-256 of the cookie token) the database keeps. */
export const sessionId = (token: string) => sha256(token);

/** Creates or updates a user (CLI `user add`, first start from ADMIN_EMAIL/ADMIN_PASSWORD). */
export async function upsertUser(
  db: Db,
  u: { email: string; password: string; name?: string; role?: Role; agencyCode?: string | null },
) {
  const email = u.email.trim().toLowerCase();
  const passwordHash = await hashPassword(u.password);
  const user = await db.user.upsert({
    where: { email },
    create: { email, passwordHash, name: u.name ?? email, role: u.role ?? 'admin', agencyCode: u.agencyCode ?? null },
    update: {
      passwordHash,
      ...(u.name ? { name: u.name } : {}),
      ...(u.role ? { role: u.role } : {}),
      ...(u.agencyCode !== undefined ? { agencyCode: u.agencyCode } : {}),
    },
  });
  // A new password or role ends every session of an existing account.
  await revokeSessions(db, user.id);
  return user;
}

/** Creates the first admin only when there is no user yet: restarting never resets a changed password. */
export async function ensureFirstAdmin(
  db: Db,
  admin: { email: string; password: string } | undefined,
): Promise<boolean> {
  if (!admin || (await db.user.count()) > 0) return false;
  await upsertUser(db, { ...admin, role: 'admin', name: 'Administrator' });
  return true;
}

export interface LoginOptions {
  ttlHours: number;
  now: Date;
  ip: string;
  /** Bounds concurrent scrypt verifications in this process. */
  hashSlots: Semaphore;
}

export type LoginResult =
  | { ok: true; token: string; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'blocked' | 'busy'; retryAfterSeconds: number };

/** Checks credentials under the throttle and the hashing bound, and opens a session when they match. */
export async function login(db: Db, email: string, password: string, o: LoginOptions): Promise<LoginResult> {
  const keys = throttleKeys(email, o.ip);
  const { waitSeconds: wait, clean } = await throttleState(db, keys, o.now);
  // A blocked account or address is refused before hashing: guessing costs the attacker time, not us CPU.
  if (wait > 0) return { ok: false, reason: 'blocked', retryAfterSeconds: wait };
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  let ok: boolean;
  try {
    // Hash even for unknown users so response time does not reveal which emails exist.
    const stored = user?.passwordHash ?? (await dummyHash());
    // An attempt for a real account with no failures on it or its address goes first: a flood of guesses
    // (unknown accounts, or accounts and addresses that already failed) queues behind it.
    ok = await o.hashSlots.run(() => verifyPassword(password, stored), { urgent: clean && user !== null });
  } catch (err) {
    if (err instanceof SemaphoreFullError) return { ok: false, reason: 'busy', retryAfterSeconds: 1 };
    throw err;
  }
  if (!user || !ok || user.disabled) {
    await recordFailure(db, keys, o.now);
    return { ok: false, reason: 'invalid' };
  }
  await resetAccount(db, user.email);
  const token = randomBytes(32).toString('base64url');
  await db.session.create({
    data: { id: sha256(token), userId: user.id, expiresAt: new Date(o.now.getTime() + o.ttlHours * 3600_000) },
  });
  return { ok: true, token, user };
}

/** The user behind a session token, or null when missing, expired or disabled. */
export async function userForSession(db: Db, token: string | undefined, now: Date = new Date()) {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { id: sha256(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() <= now.getTime() || session.user.disabled) return null;
  return session.user;
}

/** Ends one session. */
export async function logout(db: Db, token: string | undefined) {
  if (token) await db.session.deleteMany({ where: { id: sha256(token) } });
}

/** Ends every session of a user except, optionally, the one making the change. */
export async function revokeSessions(db: Db, userId: string, keepSessionId?: string): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return count;
}

/** Changes a password after checking the current one; every other session of the user ends. */
export async function changePassword(
  db: Db,
  userId: string,
  current: string,
  next: string,
  keepSessionId: string,
): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !(await verifyPassword(current, user.passwordHash))) return false;
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } });
  await revokeSessions(db, userId, keepSessionId);
  return true;
}

/** Deletes expired sessions (the purge job); returns how many. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(8).toString('hex')));
