// The four roles of the admin desk and what each may see. The HTTP layer declares per route which roles
// may call it (see src/http/auth-plugin.ts); the visibility rules every query shares live here.

/** Every role a user can have. */
export const ROLES = ['admin', 'reviewer', 'officer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a string is a known role (the CLI and the users API refuse anything else). */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Indonesian names of the roles, for messages and the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  reviewer: 'Peninjau (admin media sosial)',
  officer: 'Petugas perangkat daerah',
  viewer: 'Pemantau (hanya baca)',
};

/** Role groups routes declare. */
export const ANY_ROLE: readonly Role[] = ROLES;
export const DESK: readonly Role[] = ['admin', 'reviewer'];
export const DESK_AND_OFFICER: readonly Role[] = ['admin', 'reviewer', 'officer'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];

/** The user attached to an authenticated request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyCode: string | null;
}

/** Officers see only complaints assigned to their own agency; an officer without an agency sees none. */
export function canSeeComplaint(user: SessionUser, c: { assignedAgency: string | null }): boolean {
  return user.role !== 'officer' || (c.assignedAgency !== null && c.assignedAgency === user.agencyCode);
}

/** A Prisma `where` fragment restricting complaints to what the user may see. */
export function complaintScope(user: SessionUser): { assignedAgency?: string } {
  return user.role === 'officer' ? { assignedAgency: user.agencyCode ?? '\u0000none' } : {};
}

/** Whether the user may see a reporter's identity on a complaint of this privacy level. */
export function canSeeReporter(user: SessionUser, privacy: string): boolean {
  return user.role !== 'officer' || privacy === 'named';
}
