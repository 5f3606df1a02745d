// The officer's work on a complaint of their agency: start, resolve, evidence photos, "salah alamat".
import { useState } from 'preact/hooks';
import { returnToReview, transition, uploadEvidence } from '../actions.js';
import { flash, Message, useBusy } from '../components.js';
import { Form } from '../fields.js';
import { navigate } from '../router.js';
import type { Detail } from '../types.js';

interface Props {
  c: Detail;
  onDone: (msg: string) => void;
  onStale: () => void;
}

type Run = ReturnType<typeof useBusy>['run'];

/** Officer actions card. */
export function OfficerPanel({ c, onDone, onStale }: Props) {
  const { busy, error, run } = useBusy(onStale);
  const [note, setNote] = useState('');
  const allowed = new Set(c.allowedActions);
  const step = (action: 'start' | 'resolve', label: string) =>
    run(async () => {
      const text = note.trim();
      await transition(c.trackingId, {
        action,
        expectedStatus: c.status,
        ...(text ? { note: text, publicNote: text } : {}),
      });
      setNote('');
      onDone(label);
    });
  return (
    <section class="card" aria-labelledby="judul-opd">
      <h2 id="judul-opd">Tindak lanjut OPD</h2>
      <Message error={error} />
      <label>
        Keterangan untuk pelapor (opsional)
        <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="actions">
        {allowed.has('start') && (
          <button
            type="button"
            disabled={busy}
            onClick={() => step('start', 'Laporan ditandai sedang ditindaklanjuti.')}
          >
            Mulai dikerjakan
          </button>
        )}
        {allowed.has('resolve') && (
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => step('resolve', 'Laporan ditandai selesai.')}
          >
            Tandai selesai
          </button>
        )}
      </div>
      <EvidenceUpload c={c} busy={busy} run={run} onDone={onDone} />
      {allowed.has('return') || c.status === 'forwarded' || c.status === 'in_progress' ? (
        <ReturnForm c={c} busy={busy} run={run} />
      ) : null}
    </section>
  );
}

/** A photo proving the work was done; it is uploaded as soon as it is chosen. */
function EvidenceUpload({ c, busy, run, onDone }: { c: Detail; busy: boolean; run: Run; onDone: (m: string) => void }) {
  return (
    <label>
      Foto bukti penanganan
      <input
        type="file"
        accept="image/jpeg,image/png,image/webp"
        disabled={busy}
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          void run(async () => {
            await uploadEvidence(c.trackingId, file);
            input.value = '';
            onDone('Foto bukti diunggah.');
          });
        }}
      />
    </label>
  );
}

/** "Salah alamat": hands the complaint back to the review desk with a reason. */
function ReturnForm({ c, busy, run }: { c: Detail; busy: boolean; run: Run }) {
  const [reason, setReason] = useState('');
  return (
    <Form
      class="stack"
      onSubmit={() => {
        if (!reason.trim()) return;
        void run(async () => {
          await returnToReview(c.trackingId, reason.trim());
          // The complaint leaves the agency, so the officer can no longer open it: back to the desk.
          flash(`Laporan ${c.trackingId} dikembalikan ke Diskominfo sebagai salah alamat. Terima kasih.`);
          navigate('/meja');
        });
      }}
    >
      <label>
        Bukan tugas OPD kami (salah alamat): alasannya
        <textarea rows={2} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" class="danger" disabled={busy}>
        Kembalikan ke Diskominfo
      </button>
    </Form>
  );
}
