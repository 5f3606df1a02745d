// The status history: who did what and when, with internal and public notes told apart.
import { formatDateTime } from '../format.js';
import { ACTION_LABELS, STATUS_SHORT } from '../texts.js';
import type { TimelineEvent } from '../types.js';

/** Machine actors in the words people use (a user's email stays as is). */
const ACTORS: Record<string, string> = { system: 'sistem', reporter: 'pelapor' };

/** Timeline card. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <section class="card" aria-labelledby="judul-riwayat">
      <h2 id="judul-riwayat">Riwayat status</h2>
      {events.length === 0 && <p class="muted">Belum ada perubahan status.</p>}
      <ol class="timeline">
        {events.map((e, i) => (
          <li key={`${e.createdAt}-${i}`}>
            <span class="muted small">{formatDateTime(e.createdAt)}</span>{' '}
            <strong>{ACTION_LABELS[e.action] ?? e.action}</strong>
            {e.fromStatus ? ` ${STATUS_SHORT[e.fromStatus] ?? e.fromStatus} → ` : ' → '}
            {STATUS_SHORT[e.toStatus] ?? e.toStatus}
            {e.agencyCode ? ` (${e.agencyCode})` : ''}
            {e.actor ? <span class="muted"> oleh {ACTORS[e.actor] ?? e.actor}</span> : null}
            {e.publicNote && <p class="note public">Untuk pelapor: {e.publicNote}</p>}
            {e.note && <p class="note internal">Internal: {e.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
