// Dasbor: complaints over time, per status, agency and channel; time to verify and follow up; the
// "Risiko Ombudsman" list; classifier quality; CSV export.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { errorText, Message, StatusBadge } from '../components.js';
import { BarChart, LineChart } from '../dashboard/charts.js';
import { type SatisfactionData, SatisfactionPanel } from '../dashboard/satisfaction.js';
import { Sp4nExport } from '../dashboard/sp4n-export.js';
import { percent } from '../format.js';
import { useAgencies } from '../hooks.js';
import { RemindersPanel } from '../reminders.js';
import { useUser } from '../session.js';
import { CHANNEL_LABELS, labelName, STATUS_SHORT } from '../texts.js';
import type { Agency, Summary } from '../types.js';

/** The dashboard's data (GET /api/dashboard). */
export interface Dashboard {
  overTime: { date: string; count: number }[];
  byStatus: Record<string, number>;
  byAgency: Record<string, number>;
  byChannel: Record<string, number>;
  timeToVerifyHours: { median: number | null; p90: number | null };
  timeToFollowUpHours: { median: number | null; p90: number | null };
  atRisk: Summary[];
  classifier: {
    decided: number;
    accepted: number;
    changed: number;
    acceptedShare: number | null;
    perAgency: { agency: string; decided: number; accepted: number }[];
  };
  satisfaction?: SatisfactionData;
}

const wibDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' });
/** A calendar date in the city (WIB), n days back, as YYYY-MM-DD. */
const daysAgo = (n: number) => wibDate.format(new Date(Date.now() - n * 86400000));
/** The range as instants: from the start of the first day to the end of the last day, in WIB. */
function range(from: string, to: string) {
  const end = new Date(`${to}T00:00:00+07:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: `${from}T00:00:00+07:00`, to: end.toISOString() };
}
const hours = (h: number | null) => (h === null ? '—' : h < 48 ? `${h.toFixed(1)} jam` : `${(h / 24).toFixed(1)} hari`);

/** One point per day of the range, zero where nothing arrived (the API lists only days with complaints). */
function everyDay(from: string, to: string, counts: { date: string; count: number }[]) {
  const byDate = new Map(counts.map((c) => [c.date.slice(0, 10), c.count]));
  const points: { label: string; value: number }[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    points.push({ label: day.slice(8) + '/' + day.slice(5, 7), value: byDate.get(day) ?? 0 });
    if (points.length > 400) break;
  }
  return points;
}

/** The supervisor dashboard. */
export function DashboardPage() {
  const [from, setFrom] = useState(daysAgo(30));
  const [to, setTo] = useState(daysAgo(0));
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const agencies = useAgencies();
  const user = useUser();
  useEffect(() => {
    api<Dashboard>('GET', `/api/dashboard${query(range(from, to))}`).then(setD, (e) => setError(errorText(e)));
  }, [from, to]);
  return (
    <main id="konten" class="page wide">
      <div class="page-head">
        <h1>Dasbor</h1>
        <form class="row" onSubmit={(e) => e.preventDefault()}>
          <label>
            Dari
            <input type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            Sampai
            <input type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </label>
          {/* The list API has no date range yet: this file holds every complaint, and says so. */}
          <a class="button" href={`/api/complaints${query({ format: 'csv' })}`} download>
            Unduh CSV (semua laporan)
          </a>
          {(user.role === 'admin' || user.role === 'reviewer') && <Sp4nExport {...range(from, to)} />}
        </form>
      </div>
      <Message error={error} />
      <RemindersPanel />
      {d && (
        <>
          <Overview d={d} from={from} to={to} agencies={agencies} />
          <AtRisk items={d.atRisk} />
          <Quality rows={d.classifier.perAgency} />
          {d.satisfaction && <SatisfactionPanel s={d.satisfaction} />}
        </>
      )}
    </main>
  );
}

const entries = (o: Record<string, number>, names: (k: string) => string) =>
  Object.entries(o).map(([k, v]) => ({ label: names(k), value: v }));

/** The tiles (times and the classifier's share) and the charts. */
function Overview({ d, from, to, agencies }: { d: Dashboard; from: string; to: string; agencies: Agency[] }) {
  return (
    <>
      <div class="tiles">
        <Tile
          title="Waktu verifikasi"
          median={hours(d.timeToVerifyHours.median)}
          p90={hours(d.timeToVerifyHours.p90)}
        />
        <Tile
          title="Waktu tindak lanjut"
          median={hours(d.timeToFollowUpHours.median)}
          p90={hours(d.timeToFollowUpHours.p90)}
        />
        <div class="card tile">
          <h2>Saran sistem diterima</h2>
          <p class="big">{percent(d.classifier.acceptedShare)}</p>
          <p class="muted small">
            {d.classifier.accepted} diterima, {d.classifier.changed} diganti dari {d.classifier.decided} keputusan
          </p>
        </div>
      </div>
      <div class="grid">
        <LineChart title="Laporan per hari" points={everyDay(from, to, d.overTime)} />
        <BarChart title="Per status" items={entries(d.byStatus, (k) => STATUS_SHORT[k] ?? k)} />
        <BarChart
          title="Per OPD"
          items={entries(d.byAgency, (k) =>
            k === 'unassigned' ? 'Belum diteruskan' : (agencies.find((a) => a.code === k)?.shortName ?? k),
          )}
          horizontal
        />
        <BarChart title="Per kanal" items={entries(d.byChannel, (k) => CHANNEL_LABELS[k] ?? k)} />
      </div>
    </>
  );
}

function Tile({ title, median, p90 }: { title: string; median: string; p90: string }) {
  return (
    <div class="card tile">
      <h2>{title}</h2>
      <p class="big">{median}</p>
      <p class="muted small">median · 90% selesai dalam {p90}</p>
    </div>
  );
}

function AtRisk({ items }: { items: Summary[] }) {
  return (
    <section class="card" aria-labelledby="judul-risiko">
      <div class="row between">
        <h2 id="judul-risiko">Risiko Ombudsman</h2>
        <a href={`/api/complaints${query({ overdue: 'at_risk', format: 'csv' })}`} download>
          Unduh CSV
        </a>
      </div>
      {items.length === 0 && <p class="muted">Tidak ada laporan yang mendekati batas waktu.</p>}
      <ul class="plain">
        {items.map((c) => (
          <li key={c.trackingId}>
            <a href={`/admin/laporan/${c.trackingId}`}>{c.trackingId}</a> <StatusBadge status={c.status} />{' '}
            {labelName(c.assignedAgency ?? c.suggestedAgency)} — {c.excerpt.slice(0, 90)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Quality({ rows }: { rows: Dashboard['classifier']['perAgency'] }) {
  return (
    <section class="card" aria-labelledby="judul-kualitas">
      <h2 id="judul-kualitas">Kualitas saran per OPD</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">OPD</th>
            <th scope="col">Keputusan</th>
            <th scope="col">Saran diterima</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agency}>
              <td>{labelName(r.agency)}</td>
              <td>{r.decided}</td>
              <td>{percent(r.decided ? r.accepted / r.decided : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
