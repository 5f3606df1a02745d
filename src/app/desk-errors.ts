// Refusals of the admin desk's application services, with an HTTP-ish status and a message officers read.

/** A refused desk action: `status` is what the API answers, `message` is Indonesian. */
export class DeskError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The usual 404 for a complaint the user may not see or that does not exist: the same answer for both. */
export const complaintNotFound = (id: string) =>
  new DeskError(404, 'not_found', `Laporan ${id} tidak ditemukan atau bukan wewenang Anda.`);

/** Whether an error is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/**
 * Runs `fn` again once when a concurrent twin won a unique index race (a double click arriving together):
 * the second run reads the twin's row and answers as a duplicate instead of failing.
 */
export async function onceAfterRace<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return fn();
  }
}
