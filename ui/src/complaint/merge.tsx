// Merge a duplicate into another complaint, and correct the category (agency) or the location.
import { useState } from 'preact/hooks';
import { correct, merge } from '../actions.js';
import { flash, Message, useBusy } from '../components.js';
import { agencyPairs, Field, Form, Select } from '../fields.js';
import { useAgencies } from '../hooks.js';
import { navigate } from '../router.js';
import type { Detail } from '../types.js';
import { Candidates } from './candidates.js';

type Run = ReturnType<typeof useBusy>['run'];

/** Merge and correction card. */
export function MergeAndCorrect({ c, onDone }: { c: Detail; onDone: (m: string) => void }) {
  const { busy, error, run } = useBusy();
  const mergeInto = (target: string) =>
    void run(async () => {
      const r = await merge(c.trackingId, target.trim().toUpperCase());
      flash(`${c.trackingId} digabungkan ke ${r.mergedInto}. Kedua pelapor tetap menerima kabar.`);
      navigate(`/laporan/${r.mergedInto}`);
    });
  return (
    <section class="card" aria-labelledby="judul-koreksi">
      <h2 id="judul-koreksi">Gabung dan koreksi</h2>
      <Message error={error} />
      {!c.mergedIntoId && <Candidates id={c.trackingId} busy={busy} onMerge={mergeInto} />}
      {!c.mergedIntoId && <MergeForm busy={busy} onMerge={mergeInto} />}
      <CorrectForm c={c} busy={busy} run={run} onDone={onDone} />
    </section>
  );
}

/** Merge by a typed tracking ID, for a duplicate the candidates did not find. */
function MergeForm({ busy, onMerge }: { busy: boolean; onMerge: (target: string) => void }) {
  const [into, setInto] = useState('');
  return (
    <Form
      class="stack"
      onSubmit={() => {
        onMerge(into);
      }}
    >
      <Field
        label="Gabungkan laporan ganda ini ke nomor laporan"
        name="gabung"
        required
        placeholder="CLG-…"
        value={into}
        onValue={setInto}
      />
      <button type="submit" disabled={busy || !into.trim()}>
        Gabungkan
      </button>
    </Form>
  );
}

/** Corrects the category (agency) and the location. */
function CorrectForm({ c, busy, run, onDone }: { c: Detail; busy: boolean; run: Run; onDone: (m: string) => void }) {
  const agencies = useAgencies();
  const [agency, setAgency] = useState(c.suggestedAgency ?? '');
  const [lat, setLat] = useState(c.location ? String(c.location.latitude) : '');
  const [lon, setLon] = useState(c.location ? String(c.location.longitude) : '');
  const [place, setPlace] = useState(c.locationText ?? '');
  const coords = lat.trim() && lon.trim() ? { latitude: Number(lat), longitude: Number(lon) } : {};
  return (
    <Form
      class="stack"
      onSubmit={() => {
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
      <Select
        label="Kategori (OPD yang sesuai)"
        value={agency}
        onValue={setAgency}
        pairs={agencyPairs(agencies)}
        empty="—"
      />
      <div class="row">
        <Field label="Lintang" inputMode="decimal" value={lat} onValue={setLat} />
        <Field label="Bujur" inputMode="decimal" value={lon} onValue={setLon} />
      </div>
      <Field label="Keterangan lokasi" value={place} onValue={setPlace} />
      <button type="submit" disabled={busy}>
        Simpan koreksi
      </button>
    </Form>
  );
}
