// Tracking IDs a person can read over the phone: CLG-261128-7KQ2.
import { randomInt } from 'node:crypto';
import { dateFormat } from './date-format.js';

/** No 0/O, 1/I/L, or U/V pairs: nothing a caller can confuse when reading it aloud. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** The date part (YYMMDD) in the city's time zone, not UTC: a report at 01:00 WIB belongs to that day. */
export function trackingDate(now: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const fmt = dateFormat('en-CA', { timeZone, year: '2-digit', month: '2-digit', day: '2-digit' });
  for (const p of fmt.formatToParts(now)) parts[p.type] = p.value;
  return `${parts.year}${parts.month}${parts.day}`;
}

/** A new random tracking ID; `length` grows when collisions are found (see generateUniqueTrackingId). */
export function newTrackingId(cityCode: string, now: Date, timeZone: string, length = 4): string {
  let suffix = '';
  for (let i = 0; i < length; i++) suffix += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `${cityCode}-${trackingDate(now, timeZone)}-${suffix}`;
}

const PATTERN = new RegExp(`\\b([A-Z]{2,5})-(\\d{6})-([${TRACKING_ALPHABET}]{4,8})\\b`, 'i');

/** Finds a tracking ID in free text ("cek clg-261128-7kq2 ya") and returns it in canonical upper case. */
export function findTrackingId(text: string): string | null {
  const m = PATTERN.exec(text);
  return m ? m[0].toUpperCase() : null;
}
