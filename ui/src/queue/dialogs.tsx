// The reject-with-reason form and the shortcut help, shown above the queue.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Form } from '../fields.js';
import { SHORTCUTS } from './shortcuts.js';

/** Asks for a rejection reason (the reporter reads it). */
export function ReasonForm(props: {
  title: string;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Form
      class="card inline-form"
      onSubmit={() => {
        if (reason.trim()) props.onSubmit(reason.trim());
      }}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <label>
        {props.title}
        <textarea ref={ref} required rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <div class="row">
        {/* Not disabled while empty: a disabled button cannot take focus, which strands keyboard users. */}
        <button type="submit" class="danger" disabled={props.busy}>
          Tolak
        </button>
        <button type="button" onClick={props.onCancel}>
          Batal
        </button>
      </div>
    </Form>
  );
}

/** The list of keyboard shortcuts. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section class="card help" aria-labelledby="judul-pintasan">
      <h2 id="judul-pintasan">Pintasan papan ketik</h2>
      <dl>
        {SHORTCUTS.map(([k, v]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={ref} onClick={onClose}>
        Tutup
      </button>
    </section>
  );
}
