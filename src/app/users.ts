// The administrator's user management. Every change to an account ends that user's sessions, so a new role,
// agency, password or a disable takes effect at once.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { hashPassword, revokeSessions } from './auth.js';
import { DeskError } from './desk-errors.js';
import type { Role } from './roles.js';

/** Refuses an officer without an existing agency (and checks any agency given). */
export async function checkAgency(db: Db, role: Role, agencyCode: string | null | undefined): Promise<void> {
  if (role === 'officer' && !agencyCode) {
    throw new DeskError(
      400,
      'agency_required',
      'Petugas perangkat daerah harus memiliki kode perangkat daerah (mis. DPUTR).',
    );
  }
  if (agencyCode && !(await db.agency.findUnique({ where: { code: agencyCode }, select: { code: true } }))) {
    throw new DeskError(400, 'unknown_agency', `Perangkat daerah ${agencyCode} tidak dikenal.`);
  }
}

/** Creates a user; an existing e-mail is refused (changes go through updateUser). */
export async function createUser(
  db: Db,
  u: { email: string; name: string; role: Role; agencyCode?: string | null; password: string },
) {
  const email = u.email.trim().toLowerCase();
  await checkAgency(db, u.role, u.agencyCode);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new DeskError(409, 'exists', `Pengguna dengan email ${email} sudah ada.`);
  }
  return db.user.create({
    data: {
      email,
      name: u.name,
      role: u.role,
      agencyCode: u.agencyCode ?? null,
      passwordHash: await hashPassword(u.password),
    },
  });
}

/** Changes name, role, agency or the disabled flag; ends the user's sessions. */
export async function updateUser(
  db: Db,
  actorId: string,
  id: string,
  patch: { name?: string; role?: Role; agencyCode?: string | null; disabled?: boolean },
) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new DeskError(404, 'not_found', 'Pengguna tidak ditemukan.');
  if (id === actorId && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
    throw new DeskError(409, 'self_lockout', 'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.');
  }
  const role = patch.role ?? (user.role as Role);
  const agencyCode = patch.agencyCode !== undefined ? patch.agencyCode : user.agencyCode;
  await checkAgency(db, role, agencyCode);
  const updated = await db.user.update({
    where: { id },
    data: { ...patch, agencyCode: role === 'officer' ? agencyCode : (patch.agencyCode ?? null) },
  });
  await revokeSessions(db, id);
  return updated;
}

/** Sets a random temporary password and ends every session; returns the password to hand over once. */
export async function resetPassword(db: Db, id: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id }, select: { id: true } });
  if (!user) throw new DeskError(404, 'not_found', 'Pengguna tidak ditemukan.');
  const temporary = randomBytes(12).toString('base64url');
  await db.user.update({ where: { id }, data: { passwordHash: await hashPassword(temporary) } });
  await revokeSessions(db, id);
  return temporary;
}
