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
