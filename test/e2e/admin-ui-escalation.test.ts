// "Akun saya" and "Pengingat" in real Chromium: an officer makes a link code on the page, sends it to the
// Telegram bot (real telegraf against the fake Bot API), the page shows the linked chat by itself; a forwarded
// complaint crosses 50% of its follow-up clock and the reminder is listed on the officer desk and sent to the
// chat; the officer marks it read and unlinks the chat. SQLite (the API tests cover PostgreSQL).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { runEscalation } from '../../src/app/escalation.js';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import {
  fitsWidth,
  loggedInBrowser,
  loginThroughUi,
  newPerson,
  sentTo,
  telegramComplaint,
} from '../support/browser.js';
import { ADMIN, adminClient } from '../support/runtime.js';

const OFFICER = { email: 'pu@cilegon.go.id', password: 'petugas-dputr-123', name: 'Budi Santoso' };
const OFFICER_CHAT = 7101;
const CITIZEN_CHAT = 5201;

describe('linking a chat and reading reminders in a real browser on sqlite', () => {
  // The server's clock runs with the wall clock, moved forward when the test needs days to pass.
  let offsetMs = 0;
  const ui = adminUiHarness({ deps: () => ({ now: () => new Date(Date.now() + offsetMs) }) });
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    await upsertUser(ui.rt.ctx.db, { ...OFFICER, role: 'officer', agencyCode: 'DPUTR' });
    ({ page, problems } = await ui.signIn(OFFICER));
  });

  it('links Telegram with the code shown on "Akun saya"; the page notices by itself', async () => {
    await page.getByRole('link', { name: 'Akun saya' }).click();
    await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
    await page.getByText('Belum ada akun obrolan yang ditautkan.').waitFor();
    await page.getByRole('button', { name: 'Buat kode tautan' }).click();
    const message = (await page.locator('.link-code .code').textContent()) ?? '';
    expect(message).toMatch(/^TAUTKAN \d{6}$/);
    await expect(page.getByText('hanya dapat dipakai sekali').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/h1-akun-kode.png', fullPage: true });

    ui.fake.pushUpdate(ui.fake.textUpdate(OFFICER_CHAT, message, { first_name: 'Budi' }));
    await ui.fake.waitForSent(sentTo(OFFICER_CHAT, 'sudah tertaut'));
    await page.getByText('Akun obrolan berhasil ditautkan').waitFor();
    const linked = page.getByRole('list', { name: 'Akun obrolan tertaut' });
    await expect(linked.textContent()).resolves.toContain('Telegram');
    expect(await page.locator('.link-code').count()).toBe(0);
    await page.screenshot({ path: '/tmp/h1-akun-tertaut.png', fullPage: true });
  });

  it('lists a reminder on the officer desk and sends it to the linked chat', async () => {
    const trackingId = await telegramComplaint(
      ui.fake,
      CITIZEN_CHAT,
      'jalan di lingkungan ciwedus rusak, banyak lubang',
    );
    const admin = await adminClient(ui.rt.url);
    await admin('POST', `/api/complaints/${trackingId}/transitions`, { action: 'verify' });
    await admin('POST', `/api/complaints/${trackingId}/transitions`, { action: 'forward', agency: 'DPUTR' });
    offsetMs = 15 * 86_400_000 + 60_000;
    expect((await runEscalation(ui.rt.ctx)).queued).toBe(1);
    await ui.rt.intake.settle();
    await ui.rt.worker.drain();
    const sent = await ui.fake.waitForSent(sentTo(OFFICER_CHAT, 'Pengingat tindak lanjut'));
    expect(sent.text).toContain(trackingId);

    // Fifteen days later the session has long expired: the officer logs in again and lands on the desk.
    await page.goto('/admin/meja');
    await loginThroughUi(page, OFFICER.email, OFFICER.password);
    const panel = page.getByRole('region', { name: /Pengingat/ });
    await panel.getByText(trackingId).waitFor();
    await expect(panel.textContent()).resolves.toContain('Tindak lanjut: 50% waktu berjalan');
    await expect(panel.textContent()).resolves.toContain('dikirim ke kanal obrolan Anda');
    await page.screenshot({ path: '/tmp/h1-meja-pengingat.png', fullPage: true });
    await panel.getByRole('button', { name: 'Tandai dibaca' }).click();
    await panel.getByText('Tidak ada pengingat baru').waitFor();
    expect(await ui.rt.ctx.db.reminder.count({ where: { readAt: null } })).toBe(0);
  });

  it('unlinks the chat from "Akun saya"', async () => {
    await page.getByRole('link', { name: 'Akun saya' }).click();
    await page.getByRole('button', { name: 'Lepas tautan Telegram' }).click();
    await page.getByText('Tautan Telegram sudah dilepas').waitFor();
    await page.getByText('Belum ada akun obrolan yang ditautkan.').waitFor();
    expect(await ui.rt.ctx.db.officerChannel.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('lets an admin mark the agency head on the users page', async () => {
    const admin = await loggedInBrowser(ui.rt.url, ADMIN.email, ADMIN.password);
    try {
      await admin.page.getByRole('link', { name: 'Pengguna' }).click();
      const row = admin.page.getByRole('row', { name: new RegExp(OFFICER.email) });
      const head = row.getByRole('checkbox', { name: 'Kepala OPD' });
      // The box is controlled by the server's answer: it shows ticked once the change is saved.
      await head.click();
      await admin.page.getByText('Ditetapkan sebagai kepala OPD.').waitFor();
      await expect(head.isChecked()).resolves.toBe(true);
      const officer = await ui.rt.ctx.db.user.findUniqueOrThrow({ where: { email: OFFICER.email } });
      expect(officer.agencyHead).toBe(true);
      await admin.page.screenshot({ path: '/tmp/h1-pengguna-kepala.png', fullPage: true });
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.browser.close();
    }
  });

  it('fits a phone screen: the code is readable without scrolling sideways', async () => {
    const phone = await newPerson(ui.browser, ui.rt.url, 'phone');
    await loginThroughUi(phone.page, OFFICER.email, OFFICER.password);
    await phone.page.goto('/admin/akun');
    await phone.page.getByRole('button', { name: 'Buat kode tautan' }).click();
    await phone.page.locator('.link-code .code').waitFor();
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: '/tmp/h1-akun-ponsel.png', fullPage: true });
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });
});
