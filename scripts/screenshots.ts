// Takes the README's screenshots of the admin UI (npm run screenshots): the real product on a temporary SQLite
// database, complaints about Cilegon sent through the fake Telegram Bot API, decisions made through the admin API,
// and headless Chromium photographing the queue, a complaint, the officer desk (desktop and phone) and the dashboard.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { upsertUser } from '../src/app/auth.js';
import { type FakeTelegram, startFakeTelegram } from '../test/fakes/telegram-bot-api.js';
import { launchChromium, loginThroughUi, newPerson } from '../test/support/browser.js';
import { freshDatabase } from '../test/support/databases.js';
import { ADMIN, adminClient, eventually, startTestRuntime } from '../test/support/runtime.js';
import { ensureUiBuilt } from './ui-build.js';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');
const OFFICER = { email: 'budi.pu@cilegon.go.id', password: 'petugas-dputr-123', name: 'Budi Santoso' };

/** What citizens of Cilegon write, how many days ago, and where (a shared location) for some. */
const COMPLAINTS: { text: string; daysAgo: number; at?: [number, number] }[] = [
  {
    text: 'jalan di Lingkungan Kubang Sepat rusak parah gan, banyak lubang dan genangan air',
    daysAgo: 26,
    at: [-6.0411, 106.0702],
  },
  { text: 'sampah numpuk udh 3 hari di TPS dekat Pasar Kranggot, bau bgt tlg segera diangkut', daysAgo: 20 },
  {
    text: 'drainase tersumbat di Kelurahan Ramanuju, tiap hujan sebentar langsung banjir selutut',
    daysAgo: 16,
    at: [-6.0021, 106.0607],
  },
  {
    text: 'lampu jalan mati di Jl. Lingkar Selatan dekat Ciwaduk, gelap banget kalau malam rawan begal',
    daysAgo: 12,
    at: [-6.0302, 106.0461],
  },
  { text: 'air PDAM mati dari kemarin sore di Perumahan Bumi Rakata Kecamatan Cibeber, belum ada info', daysAgo: 9 },
  { text: 'asap hitam dari cerobong pabrik di Ciwandan bikin warga sesak napas tiap malam', daysAgo: 7 },
  { text: 'ada juru parkir liar di depan Mall Cilegon minta 5 ribu, tolong ditertibkan pak', daysAgo: 5 },
  { text: 'pedagang kaki lima menutup trotoar di Jl. SA Tirtayasa, pejalan kaki terpaksa turun ke jalan', daysAgo: 4 },
  { text: 'KTP-el saya belum jadi sudah 3 bulan di Disdukcapil, kapan ya min selesainya', daysAgo: 3 },
  { text: 'lampu lalu lintas di simpang Gerem mati sejak pagi, macet parah sampai Merak', daysAgo: 2 },
  { text: 'pohon besar tumbang di Jl. KH Wasyid menutup separuh jalan, mohon segera dievakuasi', daysAgo: 1 },
  {
    text: 'jalan berlubang besar di Jl. Ahmad Yani depan SDN 3 Jombang, udh 2 bulan bahaya bgt buat motor',
    daysAgo: 0,
    at: [-6.0169, 106.0539],
  },
];
const NAMES = ['Andi', 'Siti', 'Rudi', 'Dewi', 'Agus', 'Rina'];
const DAY = 86_400_000;

type Api = Awaited<ReturnType<typeof adminClient>>;

async function must(api: Api, method: string, url: string, body?: unknown) {
  const r = await api(method, url, body);
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function shoot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

/** What the desk and the agencies did with complaint i, a day or two after it arrived. */
async function decide(api: Api, i: number, id: string, daysAgo: number, clock: (d: number) => void) {
  const at = (d: number) => clock(Math.max(0, daysAgo - d));
  const url = `/api/complaints/${id}`;
  if (i === 0 || i === 2 || i === 3 || i === 1) {
    at(i === 0 ? 5 : 1.5); // the first one waited too long: its verify clock was missed
    await must(api, 'POST', `${url}/accept`, {});
  }
  if (i === 0) {
    at(6);
    await must(api, 'POST', `${url}/transitions`, { action: 'start', publicNote: 'Tim DPUTR sudah survei lokasi.' });
  }
  if (i === 1) {
    at(2);
    await must(api, 'POST', `${url}/transitions`, { action: 'resolve', publicNote: 'Sampah sudah diangkut truk DLH.' });
  }
  if (i === 2) {
    at(3);
    await must(api, 'POST', `${url}/transitions`, {
      action: 'start',
      note: 'Survei lapangan dijadwalkan.',
      publicNote: 'Pembersihan saluran dijadwalkan hari Senin.',
    });
  }
  if (i === 5 || i === 6) {
    at(1);
    await must(api, 'POST', `${url}/transitions`, { action: 'verify' });
  }
  if (i === COMPLAINTS.length - 1) {
    await must(api, 'POST', `${url}/accept`, {});
    await must(api, 'POST', `${url}/replies`, {
      text: 'Terima kasih Bapak, laporan sudah kami teruskan ke DPUTR. Tim akan meninjau lokasi minggu ini.',
      requestId: 'screenshot-reply-1',
    });
    await must(api, 'POST', `${url}/notes`, {
      body: 'Sudah dikoordinasikan via telepon dengan Kabid Bina Marga.',
      visibility: 'internal',
      requestId: 'screenshot-note-1',
    });
  }
}

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;
type Browser = Awaited<ReturnType<typeof launchChromium>>;

/** Sends each complaint on its day through Telegram and decides it; returns the tracking IDs in order. */
async function sendComplaints(rt: Runtime, fake: FakeTelegram, clock: (daysAgo: number) => void) {
  const api = await adminClient(rt.url);
  const ids: string[] = [];
  for (const [i, c] of COMPLAINTS.entries()) {
    clock(c.daysAgo);
    const chat = 7000 + i;
    fake.pushUpdate(fake.textUpdate(chat, c.text, { first_name: NAMES[i % NAMES.length] }));
    if (c.at) fake.pushUpdate(fake.locationUpdate(chat, c.at[0], c.at[1]));
    // Found in the database: with the clock in the past, the replies wait in the outbox until "today".
    const complaint = await eventually(
      () => rt.ctx.db.complaint.findFirst({ where: { replyAddress: `telegram:${chat}` } }),
      20_000,
    );
    ids.push(complaint.trackingId);
    await decide(api, i, ids[i] ?? '', c.daysAgo, clock);
  }
  return ids;
}

/** The desk's queue, the latest complaint and the dashboard, then the officer desk on desktop and phone. */
async function photograph(browser: Browser, url: string, latest: string | undefined) {
  const desk = await newPerson(browser, url);
  await loginThroughUi(desk.page, ADMIN.email, ADMIN.password);
  await desk.page.locator('tr[data-id]').first().waitFor();
  await shoot(desk.page, 'queue');
  await desk.page.goto(`/admin/laporan/${latest}`);
  await desk.page.getByRole('heading', { name: 'Percakapan' }).waitFor();
  await shoot(desk.page, 'complaint', true);
  await desk.page.goto('/admin/dasbor');
  await desk.page.locator('canvas').first().waitFor();
  await shoot(desk.page, 'dashboard');

  for (const size of ['desktop', 'phone'] as const) {
    const officer = await newPerson(browser, url, size);
    await loginThroughUi(officer.page, OFFICER.email, OFFICER.password);
    await officer.page.locator('.cards .card').first().waitFor();
    await shoot(officer.page, size === 'phone' ? 'officer-desk-phone' : 'officer-desk');
  }
}

async function main() {
  ensureUiBuilt();
  mkdirSync(OUT, { recursive: true });
  const fake = await startFakeTelegram();
  const database = await freshDatabase('sqlite');
  // A movable clock: complaints arrive and are decided over the past weeks, the screenshots are taken today.
  let offsetMs = 0;
  const clock = (daysAgo: number) => {
    offsetMs = daysAgo * DAY;
  };
  const rt = await startTestRuntime(
    {
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
    },
    { now: () => new Date(Date.now() - offsetMs) },
  );
  const browser = await launchChromium();
  try {
    await upsertUser(rt.ctx.db, { ...OFFICER, role: 'officer', agencyCode: 'DPUTR' });
    clock(0);
    const ids = await sendComplaints(rt, fake, clock);
    clock(0);
    await rt.worker.drain();
    await photograph(browser, rt.url, ids[ids.length - 1]);
  } finally {
    await browser.close();
    await rt.stop();
    await fake.close();
    await database.drop();
  }
}

await main();
