// Notes: internal ones are for officers only and never leave the desk; public ones are follow-ups
// (tindak lanjut) that reach the reporter. They look different so nobody mistakes one for the other.
import { useRef, useState } from 'preact/hooks';
import { addNote } from '../actions.js';
import { newRequestId } from '../api.js';
import { Message, useBusy } from '../components.js';
import { formatDateTime } from '../format.js';
import type { Detail } from '../types.js';

/** Notes card; officers start on a public follow-up, reviewers on an internal note. */
export function NotesPanel({ c, officer, onDone }: { c: Detail; officer: boolean; onDone: (m: string) => void }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>(officer ? 'public' : 'internal');
  const requestId = useRef(newRequestId());
  const { busy, error, run } = useBusy();
  const submit = (e: Event) => {
    e.preventDefault();
    if (!body.trim()) return;
    void run(async () => {
      await addNote(c.trackingId, body.trim(), visibility, requestId.current);
      requestId.current = newRequestId();
      setBody('');
      onDone(visibility === 'public' ? 'Tindak lanjut disimpan dan dikirim ke pelapor.' : 'Catatan internal disimpan.');
    });
  };
  return (
    <section class="card" aria-labelledby="judul-catatan">
      <h2 id="judul-catatan">Catatan dan tindak lanjut</h2>
      <NoteList notes={c.notes ?? []} />
      <form class="stack" onSubmit={submit}>
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        <label>
          Isi catatan
          <textarea
            name="catatan"
            rows={3}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
            class={visibility}
          />
        </label>
        <button type="submit" disabled={busy || !body.trim()}>
          {visibility === 'public' ? 'Simpan dan kirim ke pelapor' : 'Simpan catatan internal'}
        </button>
      </form>
      <Message error={error} />
    </section>
  );
}

type Visibility = 'internal' | 'public';

function NoteList({ notes }: { notes: NonNullable<Detail['notes']> }) {
  return (
    <ul class="notes">
      {notes.map((n) => (
        <li key={n.id} class={`note ${n.visibility}`}>
          <span class="tag">
            {n.visibility === 'public' ? 'Tindak lanjut (dikirim ke pelapor)' : 'Catatan internal'}
          </span>{' '}
          <span class="muted small">
            {n.authorName} · {formatDateTime(n.createdAt)}
          </span>
          <p>{n.body}</p>
        </li>
      ))}
    </ul>
  );
}

function VisibilityChoice({ value, onChange }: { value: Visibility; onChange: (v: Visibility) => void }) {
  return (
    <fieldset class="row">
      <legend class="sr-only">Jenis catatan</legend>
      <label class="inline">
        <input type="radio" name="visibility" checked={value === 'internal'} onChange={() => onChange('internal')} />
        Catatan internal (tidak dikirim ke siapa pun)
      </label>
      <label class="inline">
        <input type="radio" name="visibility" checked={value === 'public'} onChange={() => onChange('public')} />
        Tindak lanjut (dikirim ke pelapor)
      </label>
    </fieldset>
  );
}
