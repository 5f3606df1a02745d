// The few words a reporter can send to the bot on any channel.
import { findTrackingId } from '../domain/tracking-id.js';

export type Command =
  | { name: 'start' }
  | { name: 'status'; trackingId: string | null }
  | { name: 'privacy'; privacy: 'named' | 'anonim' | 'rahasia' }
  /** An officer linking this chat to their admin account: "TAUTKAN 482913" (code null when none was typed). */
  | { name: 'link'; code: string | null };

const PRIVACY: Record<string, 'named' | 'anonim' | 'rahasia'> = {
  biasa: 'named',
  anonim: 'anonim',
  rahasia: 'rahasia',
};

/** Recognises a command at the start of a message; null for ordinary text. */
export function parseCommand(text: string): Command | null {
  const lower = text.trim().toLowerCase();
  if (/^\/start\b/.test(lower) || /^(halo|hai|menu|bantuan)$/.test(lower)) return { name: 'start' };
  if (/^\/?(status|cek|lacak)\b/.test(lower)) return { name: 'status', trackingId: findTrackingId(text) };
  // "/tautkan@KotaBot 482913" in a Telegram group menu, "tautkan 482 913" typed with a space on a phone.
  const link = /^\/?tautkan(?:@\w+)?(?:\s+(.*))?$/s.exec(lower);
  if (link) {
    const code = (link[1] ?? '').replace(/[\s-]/g, '');
    return { name: 'link', code: code.length > 0 ? code.slice(0, 32) : null };
  }
  const privacy = PRIVACY[lower.replace(/^\//, '')];
  if (privacy) return { name: 'privacy', privacy };
  return null;
}
