// Dates, durations and percentages as Indonesian readers expect them (WIB).
const dateTime = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
});

/** "28 Nov 2026 10.00". */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** "2 hari 3 jam", "45 menit" for a positive duration in ms. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours ? `${days} hari ${hours} jam` : `${days} hari`;
  if (hours > 0) return minutes % 60 ? `${hours} jam ${minutes % 60} menit` : `${hours} jam`;
  return `${minutes} menit`;
}

/** Time left on a clock ("sisa 2 hari") or how late it is ("lewat 3 jam"). */
export function timeLeft(dueAt: string, msLeft: number | undefined, now = Date.now()): string {
  const ms = msLeft ?? new Date(dueAt).getTime() - now;
  return ms >= 0 ? `sisa ${formatDuration(ms)}` : `lewat ${formatDuration(ms)}`;
}

/** 0.87 -> "87%". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
}
