// Waiting in the WhatsApp Web adapter: the spacing between sends, and the pauses between attempts to store.

/** When the next send may go, and how far apart sends are. */
export interface SendPacer {
  nextSendAt: number;
  intervalMs: number;
}

/** Spaces sends out: WA Web has no rate-limit signal, and bursts are what get numbers banned (#1872). */
export async function pace(pacer: SendPacer): Promise<void> {
  const now = Date.now();
  const wait = pacer.nextSendAt - now;
  pacer.nextSendAt = Math.max(now, pacer.nextSendAt) + pacer.intervalMs;
  if (wait > 0) await sleep(wait);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
