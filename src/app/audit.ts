// The administrator's audit log: every state change and every login, with who, what, on which target, from
// where. Details never carry a password, a token or file contents.
import type { Db } from '../db/client.js';

const SECRET_KEYS = /password|token|secret|database64/i;

/** The detail as stored: secrets removed, long strings cut, at most 2,000 characters of JSON. */
export function auditDetail(detail: unknown): string | null {
  if (detail === undefined || detail === null) return null;
  const json = JSON.stringify(detail, (key, value) => {
    if (SECRET_KEYS.test(key)) return '[disembunyikan]';
    return typeof value === 'string' && value.length > 300 ? `${value.slice(0, 300)}…` : value;
  });
  // Still valid JSON when cut, so the audit view can always parse it.
  return json.length > 2000 ? JSON.stringify({ truncated: json.slice(0, 2000) }) : json;
}

export interface AuditEntry {
  user: { id: string; email: string } | null;
  /** For failed logins: the e-mail that was tried. */
  actor?: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: unknown;
  ip?: string | null;
  now: Date;
}

/** Appends one audit row. */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      userId: e.user?.id ?? null,
      actor: e.user?.email ?? e.actor ?? 'anonymous',
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      detail: auditDetail(e.detail),
      ip: e.ip ?? null,
      createdAt: e.now,
    },
  });
}
