// Merge a duplicate into another complaint, and correct the category (agency) or the location.
import { useState } from 'preact/hooks';
import { correct, merge } from '../actions.js';
import { flash, Message, useBusy } from '../components.js';
import { useAgencies } from '../hooks.js';
import { navigate } from '../router.js';
import type { Detail } from '../types.js';
import { Candidates } from './candidates.js';

/** Merge and correction card. */
export function MergeAndCorrect({ c, onDone }: { c: Detail; onDone: (m: string) => void }) {
  const agencies = useAgencies();
  const { busy, error, run } = useBusy();
  const [into, setInto] = useState('');
  const [agency, setAgency] = useState(c.suggestedAgency ?? '');
  const [lat, setLat] = useState(c.location ? String(c.location.latitude) : '');
  const [lon, setLon] = useState(c.location ? String(c.location.longitude) : '');
  const [place, setPlace] = useState(c.locationText ?? '');
  const mergeInto = (target: string) =>
    void run(async () => {
      const r = await merge(c.trackingId, target.trim().toUpperCase());
      flash(`${c.trackingId} digabungkan ke ${r.mergedInto}. Kedua pelapor tetap menerima kabar.`);
      navigate(`/laporan/${r.mergedInto}`);
    });
  const coords = lat.trim() && lon.trim() ? { latitude: Number(lat), longitude: Number(lon) } : {};
  return (
    <section class="card" aria-labelledby="judul-koreksi">
      <h2 id="judul-koreksi">Gabung dan koreksi</h2>
      <Message error={error} />
      {!c.mergedIntoId && <Candidates id={c.trackingId} busy={busy} onMerge={mergeInto} />}
      {!c.mergedIntoId && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            mergeInto(into);
          }}
        >
          <label>
            Gabungkan laporan ganda ini ke nomor laporan
            <input
              name="gabung"
              required
              placeholder="CLG-…"
              value={into}
              onInput={(e) => setInto(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy || !into.trim()}>
            Gabungkan
          </button>
        </form>
      )}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await correct(c.trackingId, {
              suggestedAgency: agency || undefined,
              ...coords,
              locationText: place || undefined,
            });
            onDone('Koreksi disimpan.');
          });
        }}
      >
        <label>
          Kategori (OPD yang sesuai)
          <select value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.shortName}
              </option>
            ))}
          </select>
        </label>
        <div class="row">
          <label>
            Lintang
            <input inputMode="decimal" value={lat} onInput={(e) => setLat(e.currentTarget.value)} />
          </label>
          <label>
            Bujur
            <input inputMode="decimal" value={lon} onInput={(e) => setLon(e.currentTarget.value)} />
          </label>
        </div>
        <label>
          Keterangan lokasi
          <input value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Simpan koreksi
        </button>
      </form>
    </section>
  );
}
