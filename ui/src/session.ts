// The logged-in user, shared by every screen.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, User } from './types.js';

/** The current user; screens render only after login, so it is never null inside them. */
export const SessionContext = createContext<User | null>(null);

/** The logged-in user (throws outside the logged-in part of the app). */
export function useUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useUser outside a session');
  return user;
}

/** Roles allowed to act on the review desk. */
export function canReview(role: Role): boolean {
  return role === 'admin' || role === 'reviewer';
}

/** Where a user lands after login. */
export function homeFor(user: User): string {
  if (user.role === 'officer') return '/meja';
  if (user.role === 'viewer') return '/dasbor';
  return '/antrean';
}
