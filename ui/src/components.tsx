// Small pieces shared by the screens: status badge, clock, messages, and the in-flight guard.
import { useCallback, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { formatDateTime, timeLeft } from './format.js';
import { CLOCK_LABELS, STATUS_LABELS, STATUS_SHORT } from './texts.js';
import type { Clock } from './types.js';

/** A coloured status badge with the full Indonesian label as its tooltip. */
export function StatusBadge({ status }: { status: string }) {
  const full = (STATUS_LABELS as Record<string, string>)[status] ?? status;
  return (
    <span class={`badge s-${status}`} title={full}>
      {STATUS_SHORT[status] ?? status}
    </span>
  );
}

/** One SLA clock: its state and the time left or overdue. */
export function ClockBadge({ name, clock }: { name: string; clock: Clock | null }) {
  if (!clock) return <span class="clock muted">{name}: —</span>;
  const running = clock.state === 'running' || clock.state === 'overdue';
  return (
    <span class={`clock c-${clock.state}`} title={`Batas waktu ${formatDateTime(clock.dueAt)}`}>
      {name}: {running ? timeLeft(clock.dueAt, clock.msLeft) : CLOCK_LABELS[clock.state]}
    </span>
  );
}

/** An error or success line that screen readers announce. */
export function Message({ error, ok }: { error?: string | null; ok?: string | null }) {
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (ok)
    return (
      <p class="ok" role="status">
        {ok}
      </p>
    );
  return null;
}

/** Turns any thrown value into a message for the user. */
export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.message : 'Terjadi kesalahan. Silakan coba lagi.';
}

/**
 * Runs one request at a time: while it is in flight `busy` is true (buttons are disabled) and further calls are
 * ignored, so a double click never sends twice. Errors land in `error`.
 */
export function useBusy(onStale?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (fn: () => Promise<unknown>): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        await fn();
        return true;
      } catch (err) {
        setError(errorText(err));
        // Another officer moved the complaint: show why, and load what is true now.
        if (err instanceof ApiError && err.code === 'stale') onStale?.();
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [onStale],
  );
  return { busy, error, setError, run };
}

let flashText: string | null = null;

/** Keeps a success message for the next screen (e.g. back on the desk after returning a complaint). */
export function flash(message: string): void {
  flashText = message;
}

/** The message left by the previous screen, once. */
export function takeFlash(): string | null {
  const text = flashText;
  flashText = null;
  return text;
}
