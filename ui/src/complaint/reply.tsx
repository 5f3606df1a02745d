// Free-text reply to the reporter on their own channel. One request id per draft: a double click or a retry
// after a network error is recognised by the server and sent once.
import { useRef, useState } from 'preact/hooks';
import { reply } from '../actions.js';
import { newRequestId } from '../api.js';
import { Message, useBusy } from '../components.js';
import { CHANNEL_LABELS, REPLY_LIMITS } from '../texts.js';
import type { Detail } from '../types.js';

/** Reply box. */
export function ReplyBox({ c, onDone }: { c: Detail; onDone: (msg: string) => void }) {
  const [text, setText] = useState('');
  const requestId = useRef(newRequestId());
  const { busy, error, run } = useBusy();
  const limit = c.replyLimit ?? REPLY_LIMITS[c.channel] ?? 4096;
  const length = [...text].length;
  const tooLong = length > limit;
  const send = (e: Event) => {
    e.preventDefault();
    if (!text.trim() || tooLong) return;
    void run(async () => {
      await reply(c.trackingId, text.trim(), requestId.current);
      requestId.current = newRequestId();
      setText('');
      onDone('Balasan masuk antrean pengiriman ke pelapor.');
    });
  };
  return (
    <section class="card" aria-labelledby="judul-balas">
      <h2 id="judul-balas">Balas pelapor</h2>
      <form class="stack" onSubmit={send}>
        <label for="balasan">Pesan untuk pelapor lewat {CHANNEL_LABELS[c.channel] ?? c.channel}</label>
        <textarea
          id="balasan"
          name="balasan"
          rows={3}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-describedby="batas-balasan"
        />
        <div class="row between">
          <span id="batas-balasan" class={tooLong ? 'error small' : 'muted small'}>
            {length} / {limit} karakter{tooLong ? ' — terlalu panjang untuk kanal ini' : ''}
          </span>
          <button type="submit" class="primary" disabled={busy || !text.trim() || tooLong}>
            {busy ? 'Mengirim…' : 'Kirim balasan'}
          </button>
        </div>
      </form>
      <Message error={error} />
    </section>
  );
}
