// Issue #7's "done when", driven through the real admin UI in headless Chromium: a Telegram message through the
// fake Bot API appears in the queue without a reload; the admin accepts the suggestion, replies in free text and
// writes an internal note; a duplicate from a second reporter is merged; the agency's officer follows up and
// resolves, and both reporters hear about it; an officer of another agency sees nothing. SQLite (the API tests
// cover PostgreSQL).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { loginThroughUi, sentTo, telegramComplaint } from '../support/browser.js';
import { ADMIN } from '../support/runtime.js';

const OFFICER = { email: 'pu@cilegon.go.id', password: 'petugas-dputr-123', name: 'Budi (DPUTR)' };
const OTHER = { email: 'dlh@cilegon.go.id', password: 'petugas-dlh-1234', name: 'Sari (DLH)' };
const CHAT_A = 5101;
const CHAT_B = 5102;
const REPLY = 'Terima kasih Bapak, tim DPUTR akan meninjau lokasi minggu ini.';
const INTERNAL = 'Catatan internal: anggaran tambal jalan triwulan ini tinggal sedikit.';
const FOLLOW_UP = 'Lubang di Jl. Ahmad Yani sudah kami tambal dengan aspal pada hari Kamis.';

describe('admin desk in a real browser on sqlite', () => {
  const ui = adminUiHarness();
  let admin: Page;
  let caseA = '';
  let caseB = '';

  beforeAll(async () => {
    await upsertUser(ui.rt.ctx.db, { ...OFFICER, role: 'officer', agencyCode: 'DPUTR' });
    await upsertUser(ui.rt.ctx.db, { ...OTHER, role: 'officer', agencyCode: 'DLH' });
    await ui.launch();
    admin = (await ui.person()).page;
  });

  it('shows a new Telegram complaint in the open queue without a reload', async () => {
    await loginThroughUi(admin, ADMIN.email, ADMIN.password);
    await admin.getByRole('heading', { name: 'Antrean tinjauan' }).waitFor();
    await admin.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    caseA = await telegramComplaint(
      ui.fake,
      CHAT_A,
      'jalan berlubang besar di Jl. Ahmad Yani depan SDN 3 Jombang, sudah 2 bulan bahaya buat motor',
    );
    await admin.locator(`tr[data-id="${caseA}"]`).waitFor({ timeout: 20_000 });
    expect(await admin.evaluate(() => Reflect.get(globalThis, 'notReloaded'))).toBe(true);
    await expect.poll(() => admin.locator(`tr[data-id="${caseA}"] .new`).count()).toBe(1);
  });

  it('opens it with the keyboard and accepts the suggestion: the reporter hears verified and forwarded', async () => {
    await admin.keyboard.press('?');
    await admin.getByRole('heading', { name: 'Pintasan papan ketik' }).waitFor();
    await admin.getByRole('button', { name: 'Tutup' }).click();
    await admin.locator('body').focus();
    await admin.keyboard.press('Enter');
    await admin.waitForURL(`**/admin/laporan/${caseA}`);
    await admin.getByText('Dinas Pekerjaan Umum dan Tata Ruang').first().waitFor();
    await admin.getByRole('button', { name: /Terima saran/ }).click();
    await admin.getByRole('status').filter({ hasText: 'diverifikasi dan diteruskan' }).waitFor();
    await ui.fake.waitForSent(sentTo(CHAT_A, `Laporan ${caseA} telah diverifikasi`));
    const forwarded = await ui.fake.waitForSent(sentTo(CHAT_A, `Laporan ${caseA} telah diteruskan`));
    expect(forwarded.text).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
  });

  it('sends a free-text reply once, even on a double click', async () => {
    await admin.locator('#balasan').fill(REPLY);
    await admin.getByRole('button', { name: 'Kirim balasan' }).dblclick();
    await admin.getByRole('status').filter({ hasText: 'Balasan masuk antrean' }).waitFor();
    const sent = await ui.fake.waitForSent(sentTo(CHAT_A, REPLY));
    expect(sent.text).toContain(caseA);
  });

  it('keeps an internal note on the desk, marked as internal', async () => {
    await admin.getByLabel('Catatan internal (tidak dikirim ke siapa pun)').check();
    await admin.getByLabel('Isi catatan').fill(INTERNAL);
    await admin.getByRole('button', { name: 'Simpan catatan internal' }).click();
    await admin.locator('.note.internal', { hasText: INTERNAL }).waitFor();
  });

  it('merges a duplicate from a second reporter into the first complaint', async () => {
    caseB = await telegramComplaint(
      ui.fake,
      CHAT_B,
      'Jl. Ahmad Yani depan SDN 3 Jombang jalannya berlubang, motor saya hampir jatuh',
    );
    await admin.goto(`/admin/laporan/${caseB}`);
    await admin.getByLabel('Gabungkan laporan ganda ini ke nomor laporan').fill(caseA.toLowerCase());
    await admin.getByRole('button', { name: 'Gabungkan', exact: true }).click();
    await admin.waitForURL(`**/admin/laporan/${caseA}`);
    await admin.getByRole('heading', { name: new RegExp(caseA) }).waitFor();
  });

  it("lets the agency's officer follow up and resolve; both reporters hear both", async () => {
    const { page } = await ui.person();
    await loginThroughUi(page, OFFICER.email, OFFICER.password);
    expect(new URL(page.url()).pathname).toBe('/admin/meja');
    await page.getByRole('link', { name: caseA }).click();
    await page.waitForURL(`**/admin/laporan/${caseA}`);
    await page.getByLabel('Isi catatan').fill(FOLLOW_UP);
    await page.getByRole('button', { name: 'Simpan dan kirim ke pelapor' }).click();
    await page.locator('.note.public', { hasText: FOLLOW_UP }).waitFor();
    await ui.fake.waitForSent(sentTo(CHAT_A, FOLLOW_UP));
    await ui.fake.waitForSent(sentTo(CHAT_B, FOLLOW_UP));
    await page.getByRole('button', { name: 'Tandai selesai' }).click();
    await page.getByRole('status').filter({ hasText: 'ditandai selesai' }).waitFor();
    await ui.fake.waitForSent(sentTo(CHAT_A, 'telah dinyatakan selesai'));
    await ui.fake.waitForSent(sentTo(CHAT_B, 'telah dinyatakan selesai'));
    // Sent once despite the double click; the internal note reached nobody.
    expect(ui.fake.sent.filter(sentTo(CHAT_A, REPLY))).toHaveLength(1);
    expect(ui.fake.sent.filter((m) => m.text?.includes(INTERNAL))).toEqual([]);
    expect(await (await fetch(`${ui.rt.url}/lacak/${caseA}`)).text()).not.toContain(INTERNAL);
  });

  it('shows an officer of another agency nothing, not even by URL', async () => {
    const { page } = await ui.person();
    await loginThroughUi(page, OTHER.email, OTHER.password);
    await page.getByRole('tab', { name: 'Selesai' }).click();
    await page.getByText('Tidak ada laporan di sini').waitFor();
    await page.goto(`/admin/laporan/${caseA}`);
    await page.getByRole('alert').filter({ hasText: 'tidak ditemukan atau tidak dapat Anda akses' }).waitFor();
    expect(await page.getByText(FOLLOW_UP).count()).toBe(0);
  });

  it('raised no page error and no CSP violation in any browser', () => {
    expect(ui.problems.flat()).toEqual([]);
  });
});
