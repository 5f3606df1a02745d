// The classifier's suggestion, its confidence, the alternatives and the words that decided it.
import { percent } from '../format.js';
import { labelName } from '../texts.js';
import type { Detail } from '../types.js';

/** Suggestion card. */
export function Suggestion({ c }: { c: Detail }) {
  const k = c.classification;
  return (
    <section class="card" aria-labelledby="judul-saran">
      <h2 id="judul-saran">Saran sistem</h2>
      {!k ? (
        <p class="muted">Belum ada saran.</p>
      ) : (
        <>
          <p>
            <strong>{labelName(k.agency)}</strong> <span class="muted">keyakinan {percent(k.confidence)}</span>
          </p>
          {k.needsReview && <p class="warn">Keyakinan rendah: mohon ditinjau.</p>}
          {k.alternatives.length > 0 && (
            <p class="small">
              Alternatif: {k.alternatives.map((a) => `${labelName(a.agency)} (${percent(a.confidence)})`).join(', ')}
            </p>
          )}
          {k.reasons.length > 0 && (
            <p class="small">
              Kata penentu:{' '}
              {k.reasons.map((r) => (
                <mark key={r}>{r}</mark>
              ))}
            </p>
          )}
        </>
      )}
      {c.assignedAgency && (
        <p>
          Ditangani oleh: <strong>{labelName(c.assignedAgency)}</strong>
        </p>
      )}
    </section>
  );
}
