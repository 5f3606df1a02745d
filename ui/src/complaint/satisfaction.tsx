// The reporters' ratings of the case (its own and its merged duplicates') and the flag a low rating or a
// "belum selesai" answer raised, which the desk clears once it has looked.
import { api } from '../api.js';
import { Message, useBusy } from '../components.js';
import { formatDateTime } from '../format.js';
import { CHANNEL_LABELS } from '../texts.js';

export interface SatisfactionPart {
  trackingId: string;
  ratings?: { trackingId: string; channel: string; rating: number | null; comment: string | null; ratedAt: string }[];
  ratingAskedAt?: string | null;
  flag?: { at: string; reason: string | null; label: string } | null;
}

const stars = (n: number) => `${'★'.repeat(n)}${'☆'.repeat(5 - n)}`;

/** The panel; nothing at all while nobody was asked and nothing is flagged. */
export function SatisfactionPanel({
  c,
  canClear,
  onDone,
}: {
  c: SatisfactionPart;
  canClear: boolean;
  onDone: (message: string) => unknown;
}) {
  const { busy, error, run } = useBusy();
  const ratings = c.ratings ?? [];
  if (ratings.length === 0 && !c.flag && !c.ratingAskedAt) return null;
  return (
    <section class="card" aria-labelledby="judul-penilaian">
      <h2 id="judul-penilaian">Penilaian pelapor</h2>
      {c.flag && (
        <div class="notice flag" role="status">
          <strong>{c.flag.label}</strong> <span class="small">({formatDateTime(c.flag.at)})</span>
          {canClear && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  await api('POST', `/api/complaints/${c.trackingId}/flag/clear`, {});
                  await onDone('Tanda penilaian sudah ditinjau.');
                })
              }
            >
              Tandai sudah ditinjau
            </button>
          )}
        </div>
      )}
      <Message error={error} />
      {ratings.length === 0 && c.ratingAskedAt && (
        <p class="muted">Pelapor sudah diminta menilai pada {formatDateTime(c.ratingAskedAt)}; belum ada jawaban.</p>
      )}
      <ul class="plain ratings">
        {ratings.map((r) => (
          <li key={r.trackingId}>
            {r.rating === null ? (
              <span>Belum selesai (tanpa nilai)</span>
            ) : (
              <span class="stars" role="img" aria-label={`${r.rating} dari 5`}>
                {stars(r.rating)}
              </span>
            )}{' '}
            <span class="small muted">
              {r.trackingId} · {CHANNEL_LABELS[r.channel] ?? r.channel} · {formatDateTime(r.ratedAt)}
            </span>
            {r.comment && <q>{r.comment}</q>}
          </li>
        ))}
      </ul>
    </section>
  );
}
