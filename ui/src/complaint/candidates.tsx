// "Mungkin laporan yang sama": the API's suggested duplicates (text, place, time), each merged with one click.
import { useEffect, useState } from 'preact/hooks';
import type { DuplicateCandidate } from '../../../src/domain/duplicate-candidate.js';
import { api } from '../api.js';
import { StatusBadge } from '../components.js';
import { formatDateTime, percent } from '../format.js';
import { CHANNEL_LABELS } from '../texts.js';

/** One suggestion of GET /api/complaints/:id/duplicate-candidates. */
type Candidate = DuplicateCandidate<string>;

interface Props {
  id: string;
  busy: boolean;
  onMerge: (into: string) => void;
}

/** The suggested duplicates; nothing is shown when there are none or the suggestions cannot be loaded. */
export function Candidates({ id, busy, onMerge }: Props) {
  const [items, setItems] = useState<Candidate[]>([]);
  useEffect(() => {
    api<{ items: Candidate[] }>('GET', `/api/complaints/${encodeURIComponent(id)}/duplicate-candidates`).then(
      (r) => setItems(r.items),
      // Suggestions are a help, not a requirement: the manual merge below still works without them.
      () => setItems([]),
    );
  }, [id]);
  if (items.length === 0) return null;
  return (
    <section class="candidates" aria-labelledby="judul-kandidat">
      <h3 id="judul-kandidat">Mungkin laporan yang sama</h3>
      <ul class="plain">
        {items.map((d) => (
          <li key={d.trackingId} class="candidate">
            <div>
              <a href={`/admin/laporan/${d.trackingId}`} class="tid">
                {d.trackingId}
              </a>{' '}
              <StatusBadge status={d.status} />{' '}
              <span class="muted small">
                {CHANNEL_LABELS[d.channel] ?? d.channel} · {formatDateTime(d.createdAt)} · kemiripan {percent(d.score)}
              </span>
            </div>
            <p class="small">{d.excerpt}</p>
            {d.reasons.length > 0 && <p class="muted small">{d.reasons.join(' · ')}</p>}
            <button type="button" disabled={busy} onClick={() => onMerge(d.trackingId)}>
              Gabungkan ke {d.trackingId}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
