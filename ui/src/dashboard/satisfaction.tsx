// The dashboard's satisfaction block: the reporters' ratings per agency in the period, and the complaints a
// low rating or a "belum selesai" flagged for the admins.
import { formatDateTime } from '../format.js';
import { labelName } from '../texts.js';

export interface SatisfactionData {
  count: number;
  average: number | null;
  perAgency: { agency: string; count: number; average: number; low: number }[];
  flagged: { trackingId: string; assignedAgency: string | null; flaggedAt: string; flagReason: string | null }[];
}

const REASONS: Record<string, string> = {
  low_rating: 'penilaian rendah',
  not_resolved: 'pelapor: belum selesai',
};
const avg = (n: number | null) => (n === null ? '—' : n.toFixed(1).replace('.', ','));

/** Ratings per agency and the flagged complaints. */
export function SatisfactionPanel({ s }: { s: SatisfactionData }) {
  return (
    <section class="card" aria-labelledby="judul-kepuasan">
      <h2 id="judul-kepuasan">Kepuasan pelapor</h2>
      <p>
        <span class="average">{avg(s.average)}</span> <span class="muted">dari 5, {s.count} penilaian</span>
      </p>
      {s.perAgency.length === 0 ? (
        <p class="muted">Belum ada penilaian pada periode ini.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">OPD</th>
              <th scope="col">Penilaian</th>
              <th scope="col">Rata-rata</th>
              <th scope="col">Nilai 1–2</th>
            </tr>
          </thead>
          <tbody>
            {s.perAgency.map((r) => (
              <tr key={r.agency}>
                <td>{labelName(r.agency)}</td>
                <td>{r.count}</td>
                <td>{avg(r.average)}</td>
                <td>{r.low}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Perlu ditinjau</h3>
      {s.flagged.length === 0 && <p class="muted">Tidak ada laporan yang ditandai.</p>}
      <ul class="plain">
        {s.flagged.map((f) => (
          <li key={f.trackingId}>
            <a href={`/admin/laporan/${f.trackingId}`}>{f.trackingId}</a> — {REASONS[f.flagReason ?? ''] ?? 'ditandai'}
            {f.assignedAgency ? `, ${labelName(f.assignedAgency)}` : ''}{' '}
            <span class="small muted">{formatDateTime(f.flaggedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
