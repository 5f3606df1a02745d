// Headless Debian Chromium driven by playwright-core, for the admin UI's end-to-end tests.
// playwright's own browser download cannot work here (docs: /work/shared/docs/environment.md).
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { FakeTelegram, SentMessage } from '../fakes/telegram-bot-api.js';
import { postLapor } from './web-form.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Starts Chromium; playwright gives each launch a fresh temporary user-data-dir and removes it on close. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** A separate cookie jar (one person) at a desktop or phone width, failing on any page error or CSP report. */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  size: 'desktop' | 'phone' = 'desktop',
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: size === 'phone' ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    ...(size === 'phone' ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  // Uncaught exceptions and CSP violations (reported on the console) are bugs even when the screen looks fine.
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  return { context, page, problems };
}

/** Logs in through the UI's own login form. */
export async function loginThroughUi(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
}

/** A fresh browser with one page where `email` is logged in; the page's errors collect in `problems`. */
export async function loggedInBrowser(url: string, email: string, password: string) {
  const browser = await launchChromium();
  const person = await newPerson(browser, url);
  person.page.setDefaultTimeout(8000);
  await loginThroughUi(person.page, email, password);
  return { browser, page: person.page, problems: person.problems };
}

/** The tracking IDs of the queue rows now on screen, top to bottom. */
export async function queueIds(page: Page): Promise<string[]> {
  return page.locator('table.queue tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
}

/** True when nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Presses Tab until the focused element's accessible text matches, as a keyboard-only user would (max 80). */
export async function tabTo(page: Page, text: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''} ${el.id}` : '';
    });
    if (text.test(label)) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

// Complaints made the way citizens make them: through the fake Telegram Bot API and the public web form.

/** A bot message to this chat containing `text`. */
export const sentTo = (chat: number, text: string) => (m: SentMessage) =>
  m.chat_id === String(chat) && (m.text?.includes(text) ?? false);

/** A citizen writes to the Telegram bot; returns the tracking ID of the acknowledgement. */
export async function telegramComplaint(fake: FakeTelegram, chat: number, text: string): Promise<string> {
  fake.pushUpdate(fake.textUpdate(chat, text));
  const ack = await fake.waitForSent(sentTo(chat, 'sudah kami terima dengan nomor pelacakan'));
  const id = findTrackingId(ack.text ?? '');
  if (!id) throw new Error(`no tracking ID in ${ack.text}`);
  return id;
}

/** A citizen sends the public web form (as its script does, JSON); returns the tracking ID. */
export async function webComplaint(baseUrl: string, text: string): Promise<string> {
  const form = await (await fetch(`${baseUrl}/lapor`)).text();
  const submissionId = /name="submissionId" value="([A-Za-z0-9_-]+)"/.exec(form)?.[1];
  if (!submissionId) throw new Error('no submissionId in /lapor');
  return postLapor(baseUrl, { submissionId, text });
}

/**
 * Citizens file these complaints one after another, each waited for before the next (so they are created in
 * this order): a chat number writes to the Telegram bot, 'web' sends the public form. Returns the tracking IDs.
 */
export async function fileComplaints<const R extends readonly (readonly [number | 'web', string])[]>(
  fake: FakeTelegram,
  baseUrl: string,
  reports: R,
): Promise<{ -readonly [K in keyof R]: string }> {
  const ids: string[] = [];
  for (const [from, text] of reports)
    ids.push(from === 'web' ? await webComplaint(baseUrl, text) : await telegramComplaint(fake, from, text));
  return ids as { -readonly [K in keyof R]: string };
}

/**
 * Waits until the fake Bot API received a matching message, draining the outbox on each look as the
 * production cron does (tests run without jobs): a send the worker postponed for pacing is not left waiting
 * for a wake-up timer alone.
 */
export async function delivered(
  worker: { drain(): Promise<unknown> },
  fake: FakeTelegram,
  match: (m: SentMessage) => boolean,
  timeoutMs = 15_000,
): Promise<SentMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = fake.sent.find(match);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error('expected message not delivered in time');
    await worker.drain();
    await new Promise((r) => setTimeout(r, 100));
  }
}
