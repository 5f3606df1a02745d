// The reviewer's decisions: accept the suggestion, verify, forward or change agency, reject, refer, hold,
// archive, reopen, not a complaint. Each sends the status the page showed, so a stale page gets a 409.
import { useEffect, useRef, useState } from 'preact/hooks';
import { accept, type TransitionBody, transition } from '../actions.js';
import { Message, useBusy } from '../components.js';
import { agencyPairs, Form, Options } from '../fields.js';
import { useAgencies } from '../hooks.js';
import { ACTION_LABELS, AUTHORITIES, labelName } from '../texts.js';
import type { Detail } from '../types.js';

type Mode = 'forward' | 'reject' | 'refer' | null;
const SIMPLE = ['verify', 'hold', 'archive', 'reopen', 'not_complaint'] as const;
const AUTHORITY_PAIRS = AUTHORITIES.map((a) => [a.code, a.name] as const);

interface Props {
  c: Detail;
  onDone: (msg: string) => void;
  onStale: () => void;
}

/** Actions card for reviewers and admins. */
export function ActionsPanel({ c, onDone, onStale }: Props) {
  const { busy, error, run } = useBusy(onStale);
  const [mode, setMode] = useState<Mode>(null);
  const allowed = new Set(c.allowedActions);
  // The accept route forwards to suggestedAgency, which a reviewer's category correction overrides.
  const suggestion = c.suggestedAgency ?? c.classification?.agency ?? null;
  const canAccept = allowed.has('verify') && allowed.has('forward') && c.jurisdiction === 'city' && Boolean(suggestion);
  const act = (label: string, body: Omit<TransitionBody, 'expectedStatus'>) =>
    run(async () => {
      await transition(c.trackingId, { ...body, expectedStatus: c.status });
      setMode(null);
      onDone(label);
    });

  const accepting = () =>
    run(async () => {
      await accept(c.trackingId, c.status);
      onDone(`Laporan diverifikasi dan diteruskan ke ${labelName(suggestion)}.`);
    });
  const opener = { open: mode, busy, onOpen: setMode };

  return (
    <section class="card" aria-labelledby="judul-tindakan">
      <h2 id="judul-tindakan">Tindakan</h2>
      <Message error={error} />
      <div class="actions">
        {canAccept && (
          <button type="button" class="primary" disabled={busy} onClick={accepting}>
            Terima saran: teruskan ke {labelName(suggestion)}
          </button>
        )}
        {SIMPLE.filter((a) => allowed.has(a)).map((a) => (
          <button
            key={a}
            type="button"
            disabled={busy}
            onClick={() => act(`${ACTION_LABELS[a]}: berhasil.`, { action: a })}
          >
            {ACTION_LABELS[a]}
          </button>
        ))}
        {allowed.has('forward') && (
          <Opener mode="forward" {...opener} text={c.assignedAgency ? 'Ganti OPD' : 'Teruskan ke OPD lain'} />
        )}
        {allowed.has('reject') && <Opener mode="reject" {...opener} text="Tolak…" danger />}
        {allowed.has('refer') && <Opener mode="refer" {...opener} text="Bukan wewenang…" />}
      </div>
      {mode === 'forward' && <ForwardForm busy={busy} current={c.assignedAgency ?? suggestion} onSubmit={act} />}
      {mode === 'reject' && <RejectForm busy={busy} onSubmit={act} />}
      {mode === 'refer' && <ReferForm busy={busy} onSubmit={act} />}
    </section>
  );
}

/** A button that opens one of the forms below; it says whether its form is open. */
function Opener(p: {
  mode: Mode;
  open: Mode;
  busy: boolean;
  onOpen: (m: Mode) => void;
  text: string;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      class={p.danger ? 'danger' : undefined}
      disabled={p.busy}
      aria-expanded={p.open === p.mode}
      onClick={() => p.onOpen(p.mode)}
    >
      {p.text}
    </button>
  );
}

type Submit = (label: string, body: Omit<TransitionBody, 'expectedStatus'>) => void;

/** Focus moves into a form when it opens, so a keyboard user types the reason right after pressing the button. */
function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function ForwardForm({ busy, current, onSubmit }: { busy: boolean; current: string | null; onSubmit: Submit }) {
  const agencies = useAgencies();
  const [agency, setAgency] = useState(current ?? '');
  const first = useFocusOnOpen<HTMLSelectElement>();
  return (
    <Form
      class="stack"
      onSubmit={() => {
        onSubmit(`Laporan diteruskan ke ${labelName(agency)}.`, { action: 'forward', agency });
      }}
    >
      <label>
        OPD tujuan
        <select ref={first} required value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
          <Options pairs={agencyPairs(agencies, 'name')} empty="Pilih OPD…" />
        </select>
      </label>
      <button type="submit" class="primary" disabled={busy || !agency}>
        Teruskan
      </button>
    </Form>
  );
}

function RejectForm({ busy, onSubmit }: { busy: boolean; onSubmit: Submit }) {
  const [reason, setReason] = useState('');
  const first = useFocusOnOpen<HTMLTextAreaElement>();
  return (
    <Form
      class="stack"
      onSubmit={() => {
        if (reason.trim()) onSubmit('Laporan ditolak.', { action: 'reject', note: reason, publicNote: reason });
      }}
    >
      <label>
        Alasan penolakan (dikirim ke pelapor)
        <textarea ref={first} required rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {/* Enabled while empty: a disabled button cannot take focus, which strands keyboard users (the textarea is
          required, so an empty reason is refused by the browser and above). */}
      <button type="submit" class="danger" disabled={busy}>
        Tolak laporan
      </button>
    </Form>
  );
}

function ReferForm({ busy, onSubmit }: { busy: boolean; onSubmit: Submit }) {
  const [agency, setAgency] = useState('');
  const [note, setNote] = useState('');
  const first = useFocusOnOpen<HTMLSelectElement>();
  return (
    <Form
      class="stack"
      onSubmit={() => {
        onSubmit('Laporan dirujuk ke instansi yang berwenang.', {
          action: 'refer',
          ...(agency ? { agency } : {}),
          ...(note.trim() ? { note, publicNote: note } : {}),
        });
      }}
    >
      <label>
        Instansi yang berwenang
        <select ref={first} value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
          <Options pairs={AUTHORITY_PAIRS} empty="Lainnya (tulis di catatan)" />
        </select>
      </label>
      <label>
        Catatan untuk pelapor
        <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy || (!agency && !note.trim())}>
        Rujuk
      </button>
    </Form>
  );
}
