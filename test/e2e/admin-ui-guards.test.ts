// The admin UI's answers to bad situations, in a real browser: a wrong password, an ended session, a stale page
// acting on a complaint another admin already moved, a reply too long for the channel, too many login attempts.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { loginThroughUi, telegramComplaint } from '../support/browser.js';
import { ADMIN } from '../support/runtime.js';

describe('admin UI guards on sqlite', () => {
  const ui = adminUiHarness();
  let trackingId = '';

  const person = async () => (await ui.person()).page;
  const alert = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text }).waitFor();

  beforeAll(async () => {
    await ui.launch();
    trackingId = await telegramComplaint(
      ui.fake,
      6201,
      'sampah numpuk udh 3 hari di TPS dekat Pasar Kranggot, bau bgt tlg diangkut',
    );
  });

  it('tells a wrong password apart from an ended session', async () => {
    const page = await person();
    await page.goto('/admin/antrean');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Kata sandi').fill('bukan-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await alert(page, 'Email atau kata sandi salah');
    await loginThroughUi(page, ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: 'Antrean tinjauan' }).waitFor();
    // The session ends on the server (expired, revoked): the next request brings the login page back.
    await ui.rt.ctx.db.session.deleteMany({});
    await page.getByRole('link', { name: 'Dasbor' }).click();
    await page.getByRole('status').filter({ hasText: 'Sesi Anda telah berakhir, silakan masuk kembali' }).waitFor();
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
  });

  it('shows the stale message and the fresh state when another admin moved the complaint first', async () => {
    const first = await person();
    const second = await person();
    for (const page of [first, second]) {
      await loginThroughUi(page, ADMIN.email, ADMIN.password);
      await page.goto(`/admin/laporan/${trackingId}`);
      await page.getByRole('button', { name: 'Verifikasi' }).waitFor();
    }
    await first.getByRole('button', { name: 'Verifikasi' }).click();
    await first.getByRole('status').filter({ hasText: 'berhasil' }).waitFor();
    await second.getByRole('button', { name: 'Tunda' }).click();
    await alert(second, 'Laporan ini sudah diubah oleh petugas lain');
    // Reloaded: the page now shows the verified complaint, and nothing changed on the server.
    await second.locator('h1 .badge', { hasText: 'Terverifikasi' }).waitFor();
    expect((await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } })).status).toBe('verified');
  });

  it('refuses a reply longer than the channel allows before sending it', async () => {
    const page = await person();
    await loginThroughUi(page, ADMIN.email, ADMIN.password);
    await page.goto(`/admin/laporan/${trackingId}`);
    await page.locator('#balasan').fill('a'.repeat(4097));
    await page.getByText('4097 / 4096 karakter — terlalu panjang untuk kanal ini').waitFor();
    expect(await page.getByRole('button', { name: 'Kirim balasan' }).isDisabled()).toBe(true);
    await page.locator('#balasan').fill('Mohon maaf atas keterlambatannya, petugas DLH sudah dijadwalkan.');
    expect(await page.getByRole('button', { name: 'Kirim balasan' }).isDisabled()).toBe(false);
  });

  it('says how long to wait after too many failed logins', async () => {
    const page = await person();
    await page.goto('/admin');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Kata sandi').fill('tebakan-yang-salah');
    // Each failure past the free ones doubles the wait, so one of these attempts lands inside a wait.
    for (let i = 0; i < 14; i++) {
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('alert').waitFor();
      if (((await page.getByRole('alert').textContent()) ?? '').includes('Terlalu banyak percobaan')) break;
    }
    expect(await page.getByRole('alert').textContent()).toMatch(
      /Terlalu banyak percobaan masuk.*coba lagi dalam \d+ (detik|menit)/,
    );
  });

  it('raised no page error and no CSP violation', () => {
    expect(ui.problems.flat()).toEqual([]);
  });
});
