// The few words a reporter can send to the bot on any channel.
import { findTrackingId } from '../domain/tracking-id.js';

export type Command =
  | { name: 'start' }
  | { name: 'status'; trackingId: string | null }
  | { name: 'privacy'; privacy: 'named' | 'anonim' | 'rahasia' };

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
  const privacy = PRIVACY[lower.replace(/^\//, '')];
  if (privacy) return { name: 'privacy', privacy };
  return null;
}
