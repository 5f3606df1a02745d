// Bulk actions on the selected complaints; the API answers per complaint, so partial failures are shown.
import { useState } from 'preact/hooks';
import { bulk } from '../actions.js';
import { Message, useBusy } from '../components.js';
import { agencyPairs, Select } from '../fields.js';
import type { Agency } from '../types.js';

/** The bar shown while complaints are selected. */
export function BulkBar({ ids, agencies, onDone }: { ids: string[]; agencies: Agency[]; onDone: (m: string) => void }) {
  const [agency, setAgency] = useState('');
  const { busy, error, setError, run } = useBusy();
  const go = (action: string, extra: { agency?: string; note?: string } = {}) =>
    run(async () => {
      const r = await bulk(ids, { action, ...extra });
      const failed = r.results.filter((x) => !x.ok);
      if (failed.length) {
        setError(
          `${r.results.length - failed.length} berhasil, ${failed.length} gagal: ${failed.map((f) => `${f.trackingId} (${f.error ?? 'gagal'})`).join(', ')}`,
        );
        return;
      }
      onDone(`${r.results.length} laporan berhasil diproses.`);
    });
  return (
    <section class="bulk card" aria-label="Tindakan massal">
      <strong>{ids.length} dipilih</strong>
      <button type="button" disabled={busy} onClick={() => go('verify')}>
        Verifikasi
      </button>
      <Select
        label={<span class="sr-only">OPD tujuan</span>}
        value={agency}
        onValue={setAgency}
        pairs={agencyPairs(agencies)}
        empty="Pilih OPD…"
      />
      <button type="button" disabled={busy || !agency} onClick={() => go('forward', { agency })}>
        Teruskan
      </button>
      <button type="button" disabled={busy} onClick={() => go('hold')}>
        Tunda
      </button>
      <button type="button" disabled={busy} onClick={() => go('archive')}>
        Arsipkan
      </button>
      <Message error={error} />
    </section>
  );
}
