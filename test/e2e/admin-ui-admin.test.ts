// The administrator's screens and the officer's "salah alamat" in a real browser: add a user, change their role,
// reset their password, read channel health and the audit log; an officer uploads an evidence photo and sends a
// complaint of another agency's business back to the review desk.
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { loginThroughUi, telegramComplaint } from '../support/browser.js';
import { ADMIN, adminClient } from '../support/runtime.js';

const NEW_OFFICER = { name: 'Dedi Kurniawan', email: 'dedi.pu@cilegon.go.id', password: 'sandi-awal-dedi-2026' };
/** A 1x1 PNG: the evidence photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('admin screens and the officer desk on sqlite', () => {
  const ui = adminUiHarness();

  beforeAll(async () => {
    await ui.launch();
  });

  it('adds an officer, changes the role, resets the password, and shows channels and the audit log', async () => {
    const { page } = await ui.person();
    await loginThroughUi(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Pengguna' }).click();
    const form = page.locator('form', { hasText: 'Tambah pengguna' });
    await form.getByLabel('Nama').fill(NEW_OFFICER.name);
    await form.getByLabel('Email').fill(NEW_OFFICER.email);
    await form.getByRole('combobox', { name: /^Peran/ }).selectOption('officer');
    await form.getByLabel('OPD (untuk petugas OPD)').selectOption('DPUTR');
    await form.getByLabel('Kata sandi awal').fill(NEW_OFFICER.password);
    await form.getByRole('button', { name: 'Tambah' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Pengguna ${NEW_OFFICER.email} ditambahkan` })
      .waitFor();
    const row = page.locator('tr', { hasText: NEW_OFFICER.email });
    await row.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
    await page.getByRole('status').filter({ hasText: 'Kata sandi sementara' }).waitFor();
    await page.getByLabel(`Peran ${NEW_OFFICER.email}`).selectOption('viewer');
    await page.getByRole('status').filter({ hasText: 'Peran diubah' }).waitFor();
    expect(await ui.rt.ctx.db.user.findUniqueOrThrow({ where: { email: NEW_OFFICER.email } })).toMatchObject({
      role: 'viewer',
    });

    await page.getByRole('link', { name: 'Kanal & pesan gagal' }).click();
    await page.locator('.tile', { hasText: 'Telegram' }).getByText('Terhubung').waitFor();
    await page.locator('.tile', { hasText: 'WhatsApp' }).getByText('Tidak aktif').waitFor();
    await page.getByRole('link', { name: 'Log audit' }).click();
    await page.getByRole('heading', { name: 'Log audit' }).waitFor();
    await page.locator('td', { hasText: ADMIN.email }).first().waitFor();
  });

  it('lets an officer attach evidence and return a complaint as "salah alamat" to the review desk', async () => {
    const id = await telegramComplaint(
      ui.fake,
      6301,
      'lampu jalan mati di Jl. Lingkar Selatan dekat Ciwaduk, gelap sekali kalau malam',
    );
    const api = await adminClient(ui.rt.url);
    // Forwarded to the wrong agency on purpose: street lights belong to Disperkim, not DPUTR.
    expect(
      (await api('POST', `/api/complaints/${id}/transitions`, { action: 'forward', agency: 'DPUTR' })).status,
    ).toBe(200);
    // Back to an officer with a known password (the first test reset it).
    await upsertUser(ui.rt.ctx.db, { ...NEW_OFFICER, role: 'officer', agencyCode: 'DPUTR' });

    const { page } = await ui.person('phone');
    await loginThroughUi(page, NEW_OFFICER.email, NEW_OFFICER.password);
    await page.getByRole('link', { name: id }).click();
    await page
      .getByLabel('Foto bukti penanganan')
      .setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('status').filter({ hasText: 'Foto bukti diunggah' }).waitFor();
    expect(await ui.rt.ctx.db.attachment.count({ where: { complaint: { trackingId: id } } })).toBe(1);
    await page.getByLabel('Bukan tugas OPD kami (salah alamat): alasannya').fill('Lampu jalan (PJU) urusan Disperkim.');
    await page.getByRole('button', { name: 'Kembalikan ke Diskominfo' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Laporan ${id} dikembalikan ke Diskominfo` })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/meja');
    const back = await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } });
    expect(back).toMatchObject({ assignedAgency: null, needsReview: true });
  });

  it('raised no page error and no CSP violation', () => {
    expect(ui.problems.flat()).toEqual([]);
  });
});
