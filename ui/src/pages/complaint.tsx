// The complaint page: everything about one complaint and every action on it, for reviewers and officers.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ActionsPanel } from '../complaint/actions.js';
import { Conversation } from '../complaint/conversation.js';
import { Facts } from '../complaint/facts.js';
import { MergeAndCorrect } from '../complaint/merge.js';
import { NotesPanel } from '../complaint/notes.js';
import { OfficerPanel } from '../complaint/officer.js';
import { ReplyBox } from '../complaint/reply.js';
import { SatisfactionPanel } from '../complaint/satisfaction.js';
import { Suggestion } from '../complaint/suggestion.js';
import { Timeline } from '../complaint/timeline.js';
import { ClockBadge, errorText, Message, StatusBadge, takeFlash } from '../components.js';
import { canReview, useUser } from '../session.js';
import type { Detail } from '../types.js';

const QUEUED_POLL_MS = 2000;
const QUEUED_POLL_MAX = 90;

/**
 * Loads one complaint. While a reply is still queued it looks again every few seconds, so "terkirim" or "gagal"
 * (with its retry button) shows up without a reload.
 */
function useComplaint(id: string) {
  const [c, setC] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setC(await api<Detail>('GET', `/api/complaints/${encodeURIComponent(id)}`));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const waiting = c?.conversation?.some((m) => m.delivery === 'queued') ?? false;
  const polls = useRef(0);
  useEffect(() => {
    // A channel that is switched off keeps a reply queued for good: stop looking after a few minutes.
    if (!waiting) polls.current = 0;
    if (!waiting || polls.current >= QUEUED_POLL_MAX) return;
    polls.current++;
    const t = setTimeout(() => void load(), QUEUED_POLL_MS);
    return () => clearTimeout(t);
  }, [waiting, c, load]);
  return { c, error, load };
}

/** One complaint, by tracking ID. */
export function ComplaintPage({ id }: { id: string }) {
  const user = useUser();
  const { c, error, load } = useComplaint(id);
  const [ok, setOk] = useState<string | null>(takeFlash);

  // Reload before confirming: when the note appears, the page already shows what the action changed.
  const done = async (message: string) => {
    await load();
    setOk(message);
  };

  if (!c) {
    return (
      <main id="konten" class="page">
        <h1>Laporan {id.toUpperCase()}</h1>
        {error ? <Message error={error} /> : <p>Memuat…</p>}
      </main>
    );
  }
  const reviewer = canReview(user.role);
  const officer = user.role === 'officer';
  return (
    <main id="konten" class="page complaint">
      <div class="page-head">
        <h1>
          Laporan <span class="tid">{c.trackingId}</span> <StatusBadge status={c.status} />
        </h1>
        <div class="clocks">
          <ClockBadge name="Verifikasi" clock={c.clocks.verify} />
          <ClockBadge name="Tindak lanjut" clock={c.clocks.followUp} />
        </div>
      </div>
      <Message error={error} ok={ok} />
      {c.mergedIntoId && (
        <p class="notice">
          Laporan ini telah digabungkan ke <a href={`/admin/laporan/${c.mergedIntoId}`}>{c.mergedIntoId}</a>.
        </p>
      )}
      <div class="columns">
        <div class="col-main">
          <Facts c={c} />
          <SatisfactionPanel c={c} canClear={reviewer || officer} onDone={done} />
          <Conversation c={c} canSplit={reviewer} onDone={done} />
          {(reviewer || officer) && <ReplyBox c={c} onDone={done} />}
          {(reviewer || officer) && <NotesPanel c={c} officer={officer} onDone={done} />}
          <Timeline events={c.events} />
        </div>
        <aside class="col-side">
          <Suggestion c={c} />
          {reviewer && <ActionsPanel c={c} onDone={done} onStale={load} />}
          {reviewer && <MergeAndCorrect c={c} onDone={done} />}
          {officer && <OfficerPanel c={c} onDone={done} onStale={load} />}
        </aside>
      </div>
    </main>
  );
}
