// Admin accounts and sessions. Passwords are hashed with scrypt (Node's built-in memory-hard KDF);
// session cookies carry a random token, the database keeps only its SHA-256.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../db/client.js';

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

/** Creates or updates a user (CLI `user add`, first start from ADMIN_EMAIL/ADMIN_PASSWORD). */
export async function upsertUser(
  db: Db,
  u: { email: string; password: string; name?: string; role?: 'admin' | 'officer'; agencyCode?: string | null },
) {
  const email = u.email.trim().toLowerCase();
  const passwordHash = await hashPassword(u.password);
  return db.user.upsert({
    where: { email },
    create: { email, passwordHash, name: u.name ?? email, role: u.role ?? 'admin', agencyCode: u.agencyCode ?? null },
    update: {
      passwordHash,
      ...(u.name ? { name: u.name } : {}),
      ...(u.role ? { role: u.role } : {}),
      ...(u.agencyCode !== undefined ? { agencyCode: u.agencyCode } : {}),
    },
  });
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

/** Checks credentials and opens a session; returns the cookie token, or null for wrong credentials. */
export async function login(db: Db, email: string, password: string, ttlHours: number) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // Hash even for unknown users so response time does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  await db.session.create({
    data: { id: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + ttlHours * 3600_000) },
  });
  return { token, user };
}

/** The user behind a session token, or null when missing/expired. */
export async function userForSession(db: Db, token: string | undefined) {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { id: sha256(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now()) return null;
  return session.user;
}

export async function logout(db: Db, token: string | undefined) {
  if (token) await db.session.deleteMany({ where: { id: sha256(token) } });
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(8).toString('hex')));
