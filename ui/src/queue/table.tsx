// The queue's rows: one line per complaint on a desk, one card per complaint on a phone.
import { ClockBadge, StatusBadge } from '../components.js';
import { formatDateTime, percent } from '../format.js';
import { CHANNEL_LABELS, labelName } from '../texts.js';
import type { Summary } from '../types.js';

interface Props {
  items: Summary[];
  cursor: number;
  selected: Set<string>;
  fresh: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  onCursor: (i: number) => void;
}

/** The list of complaints. */
export function QueueTable({ items, cursor, selected, fresh, onToggle, onToggleAll, onCursor }: Props) {
  const all = items.length > 0 && items.every((c) => selected.has(c.trackingId));
  return (
    <table class="queue">
      <thead>
        <tr>
          <th scope="col">
            <input type="checkbox" aria-label="Pilih semua di halaman ini" checked={all} onChange={onToggleAll} />
          </th>
          <th scope="col">Laporan</th>
          <th scope="col">Isi</th>
          <th scope="col">Saran OPD</th>
          <th scope="col">Batas waktu</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c, i) => (
          <QueueRow
            key={c.trackingId}
            c={c}
            here={i === cursor}
            ticked={selected.has(c.trackingId)}
            fresh={fresh.has(c.trackingId)}
            onToggle={() => onToggle(c.trackingId)}
            onCursor={() => onCursor(i)}
          />
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  c: Summary;
  /** Under the keyboard cursor. */
  here: boolean;
  ticked: boolean;
  fresh: boolean;
  onToggle: () => void;
  onCursor: () => void;
}

function QueueRow({ c, here, ticked, fresh, onToggle, onCursor }: RowProps) {
  return (
    <tr
      data-id={c.trackingId}
      class={`${here ? 'cursor' : ''} ${fresh ? 'fresh' : ''}`}
      aria-selected={here}
      onClick={onCursor}
    >
      <td>
        <input type="checkbox" aria-label={`Pilih ${c.trackingId}`} checked={ticked} onChange={onToggle} />
      </td>
      <td>
        <a href={`/admin/laporan/${c.trackingId}`} class="tid">
          {c.trackingId}
        </a>
        <div>
          <StatusBadge status={c.status} /> <span class="muted">{CHANNEL_LABELS[c.channel] ?? c.channel}</span>
        </div>
        <div class="muted small">{formatDateTime(c.createdAt)}</div>
      </td>
      <td class="excerpt">
        {fresh && <span class="new">Baru</span>} {c.excerpt}
        {c.reporterLabel && <div class="muted small">Pelapor: {c.reporterLabel}</div>}
      </td>
      <td>
        {c.assignedAgency ? (
          <span>Ditangani {labelName(c.assignedAgency)}</span>
        ) : (
          <span>
            {labelName(c.suggestedAgency)} <span class="muted">({percent(c.confidence)})</span>
          </span>
        )}
        {c.needsReview && !c.assignedAgency && <div class="warn small">Perlu ditinjau</div>}
      </td>
      <td>
        <div class="clocks">
          <ClockBadge name="Verifikasi" clock={c.clocks.verify} />
          <ClockBadge name="Tindak lanjut" clock={c.clocks.followUp} />
        </div>
      </td>
    </tr>
  );
}
