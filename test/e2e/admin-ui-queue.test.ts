// The review queue in a real browser: every filter (channel, status, agency, SLA clock, needs review, full-text
// search ignoring case and accents) shows exactly the rows the database holds for it; the CSV download carries
// the filtered list; bulk actions change every selected complaint and the reporters hear it; the keyboard alone
// reaches, opens and decides a complaint; on a phone the queue and the complaint page fit the screen. SQLite.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { delivered, fileComplaints, fitsWidth, loginThroughUi, queueIds, sentTo, tabTo } from '../support/browser.js';
import { ADMIN } from '../support/runtime.js';

const SHOTS = '.tmp/ui-shots';
const POLL = { timeout: 10_000 };
const sorted = (a: string[]) => [...a].sort();

describe('review queue filters, CSV, bulk and keyboard in a real browser on sqlite', () => {
  const ui = adminUiHarness();
  let page: Page;
  const id: Record<'road' | 'trash' | 'park' | 'light' | 'drain', string> = {
    road: '',
    trash: '',
    park: '',
    light: '',
    drain: '',
  };

  /** Tracking IDs of open queue items matching a Prisma where, as the queue would list them. */
  const dbIds = async (where: object) =>
    sorted(
      (
        await ui.rt.ctx.db.complaint.findMany({
          where: { AND: [where, { mergedIntoId: null }] },
          select: { trackingId: true },
        })
      ).map((c) => c.trackingId),
    );
  const shown = async () => sorted(await queueIds(page));
  const status = async (trackingId: string) =>
    (await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } })).status;

  beforeAll(async () => {
    [id.road, id.trash, id.park, id.light, id.drain] = await fileComplaints(ui.fake, ui.rt.url, [
      [7101, 'jalan berlubang besar di Jl. Ahmad Yani depan SDN 3 Jombang, bahaya motor'],
      [7102, 'sampah menumpuk di TPS Pasar Kranggot sudah 4 hari, baunya menyengat'],
      ['web', 'Parkir liar di depan Kafé Séroja Cibeber, bikin macet setiap sore hari'],
      [7103, 'lampu jalan mati di Jl. Lingkar Selatan dekat Ciwaduk, gelap sekali'],
      [7104, 'saluran air tersumbat di Perumahan Bumi Waras, banjir kalau hujan deras'],
    ]);
    // Three working days have passed for the drain complaint without a decision.
    await ui.rt.ctx.db.complaint.update({
      where: { trackingId: id.drain },
      data: { verifyDueAt: new Date(Date.now() - 3_600_000) },
    });
    ({ page } = await ui.signIn(ADMIN));
  });

  const filter = (label: string) =>
    page.locator('form.filters').getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}`));

  it('filters by channel, search (any case, no accents), agency, needs review and the SLA clock', async () => {
    await page.goto('/admin/antrean');
    await expect.poll(shown, POLL).toEqual(sorted(Object.values(id)));

    await filter('Kanal').selectOption('web');
    await expect.poll(shown, POLL).toEqual([id.park]);
    expect(await dbIds({ channel: 'web' })).toEqual([id.park]);
    expect(new URL(page.url()).searchParams.get('channel')).toBe('web');
    await filter('Kanal').selectOption('');

    await filter('Cari').fill('KAFE seroja');
    await filter('Cari').press('Enter');
    await expect.poll(shown, POLL).toEqual([id.park]);
    await filter('Cari').fill('');
    await filter('Cari').press('Enter');

    const roadAgency = (await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id.road } }))
      .suggestedAgency;
    expect(roadAgency).toBeTruthy();
    await filter('OPD (saran)').selectOption(roadAgency ?? '');
    const forAgency = await dbIds({
      OR: [{ assignedAgency: roadAgency }, { assignedAgency: null, suggestedAgency: roadAgency }],
    });
    expect(forAgency).toContain(id.road);
    await expect.poll(shown, POLL).toEqual(forAgency);
    await filter('OPD (saran)').selectOption('');

    for (const value of ['true', 'false'] as const) {
      await filter('Perlu ditinjau').selectOption(value);
      const expected = await dbIds({ needsReview: value === 'true' });
      await expect.poll(shown, POLL).toEqual(expected);
    }
    await filter('Perlu ditinjau').selectOption('');

    await filter('Batas waktu').selectOption('verify');
    await expect.poll(shown, POLL).toEqual([id.drain]);
    await page
      .locator(`tr[data-id="${id.drain}"]`)
      .getByText(/Verifikasi: lewat (1 jam|59 menit)/)
      .waitFor();
    await filter('Batas waktu').selectOption('');
    await expect.poll(shown, POLL).toHaveLength(5);
  });

  it('never lets a slow answer to an earlier filter replace the list the admin asked for last', async () => {
    await page.goto('/admin/antrean');
    await expect.poll(shown, POLL).toHaveLength(5);
    // The unfiltered list is held back until after the search's answer has arrived and been shown.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let heldOne = false;
    await page.route(/\/api\/complaints\?/, async (route) => {
      const url = new URL(route.request().url());
      if (!heldOne && url.searchParams.get('channel') === null && url.searchParams.get('q') === null) {
        heldOne = true;
        await held;
      }
      await route.continue();
    });
    try {
      await filter('Kanal').selectOption('web');
      await expect.poll(shown, POLL).toEqual([id.park]);
      await filter('Kanal').selectOption(''); // this answer is held back
      await filter('Cari').fill('lampu');
      await filter('Cari').press('Enter');
      await expect.poll(shown, POLL).toEqual([id.light]);
      release();
      await expect.poll(() => heldOne).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(await shown()).toEqual([id.light]);
    } finally {
      release();
      await page.unroute(/\/api\/complaints\?/);
    }
    await filter('Cari').fill('');
    await filter('Cari').press('Enter');
    await expect.poll(shown, POLL).toHaveLength(5);
  });

  it('applies bulk actions to every selected complaint, and the status filter shows them', async () => {
    await page.getByLabel(`Pilih ${id.light}`).check();
    await page.getByLabel(`Pilih ${id.drain}`).check();
    const bar = page.getByRole('region', { name: 'Tindakan massal' });
    await bar.getByText('2 dipilih').waitFor();
    await bar.getByRole('button', { name: 'Tunda' }).click();
    await page.getByRole('status').filter({ hasText: '2 laporan berhasil diproses' }).waitFor();
    expect([await status(id.light), await status(id.drain)]).toEqual(['on_hold', 'on_hold']);

    await page.getByLabel(`Pilih ${id.road}`).check();
    await page.getByLabel(`Pilih ${id.trash}`).check();
    await bar.getByRole('button', { name: 'Verifikasi' }).click();
    await page.getByRole('status').filter({ hasText: '2 laporan berhasil diproses' }).waitFor();
    await delivered(ui.rt.worker, ui.fake, sentTo(7101, `Laporan ${id.road} telah diverifikasi`));
    await delivered(ui.rt.worker, ui.fake, sentTo(7102, `Laporan ${id.trash} telah diverifikasi`));

    await page.getByLabel(`Pilih ${id.road}`).check();
    await bar.getByRole('combobox').selectOption('DPUTR');
    await bar.getByRole('button', { name: 'Teruskan' }).click();
    await page.getByRole('status').filter({ hasText: '1 laporan berhasil diproses' }).waitFor();
    await delivered(ui.rt.worker, ui.fake, sentTo(7101, `Laporan ${id.road} telah diteruskan`));
    expect(await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id.road } })).toMatchObject({
      status: 'forwarded',
      assignedAgency: 'DPUTR',
    });

    await filter('Status').selectOption('on_hold');
    await expect.poll(shown, POLL).toEqual(sorted([id.light, id.drain]));
    await filter('Status').selectOption('verified');
    await expect.poll(shown, POLL).toEqual([id.trash]);
  });

  it('downloads the filtered list as CSV', async () => {
    await filter('Status').selectOption('on_hold');
    await filter('Kanal').selectOption('telegram');
    await expect.poll(shown, POLL).toEqual(sorted([id.light, id.drain]));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^laporan-.*\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    for (const tid of [id.light, id.drain]) expect(csv).toContain(tid);
    for (const tid of [id.road, id.trash, id.park]) expect(csv).not.toContain(tid);
    await filter('Status').selectOption('');
    await filter('Kanal').selectOption('');
  });

  it('lets the keyboard alone find, open and reject a complaint, and reject from the queue', async () => {
    await page.goto('/admin/antrean?status=verified');
    await expect.poll(shown, POLL).toEqual([id.trash]);
    await page.goto('/admin/antrean');
    await expect.poll(shown, POLL).toHaveLength(5);
    await page.locator('body').focus();
    const cursorAt = () => page.locator('tr.cursor').getAttribute('data-id');
    const order = await queueIds(page);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(cursorAt).toBe(order[2]);
    await page.keyboard.press('k');
    await expect.poll(cursorAt).toBe(order[1]);
    await page.keyboard.press('/');
    await page.keyboard.type('cibeber');
    await page.keyboard.press('Enter');
    await expect.poll(shown, POLL).toEqual([id.park]);
    await page.keyboard.press('Escape');
    await expect.poll(shown, POLL).toEqual([id.park]);
    await page.keyboard.press('x');
    await page.getByRole('region', { name: 'Tindakan massal' }).getByText('1 dipilih').waitFor();
    await page.keyboard.press('x');
    await page.keyboard.press('r');
    await page.locator('textarea:focus').waitFor();
    await page.keyboard.type('Parkir liar ditangani langsung oleh petugas lapangan Dishub, bukan lewat kanal ini.');
    await tabTo(page, /^\s*Tolak\s*$/);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `${id.park} ditolak` })
      .waitFor();
    expect(await status(id.park)).toBe('rejected');

    await page.keyboard.press('/');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kranggot');
    await page.keyboard.press('Enter');
    await expect.poll(shown, POLL).toEqual([id.trash]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/admin/laporan/${id.trash}`);
    // Tab through the page once it has loaded (tabbing while it says "Memuat…" starts over when it renders).
    await page.getByRole('heading', { name: 'Tindakan' }).waitFor();
    const rejectButton = page.getByRole('button', { name: 'Tolak…' });
    const reason = page.getByLabel('Alasan penolakan (dikirim ke pelapor)');
    for (let i = 0; i < 3 && !(await reason.isVisible()); i++) {
      await tabTo(page, /Tolak…/);
      await expect.poll(() => rejectButton.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await reason.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    // The form puts the cursor in its reason field as it opens; a keyboard user who lost it tabs there.
    await reason.waitFor();
    for (let i = 0; i < 40 && !(await reason.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Mohon maaf, foto dan lokasi belum cukup jelas untuk kami tindak lanjuti.');
    await tabTo(page, /Tolak laporan/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Laporan ditolak' }).waitFor();
    await delivered(ui.rt.worker, ui.fake, sentTo(7102, 'foto dan lokasi belum cukup jelas'));
    expect(await status(id.trash)).toBe('rejected');
  });

  it('fits the queue and the complaint page on a phone', async () => {
    const phone = await ui.person('phone');
    await loginThroughUi(phone.page, ADMIN.email, ADMIN.password);
    await phone.page.goto('/admin/antrean');
    await phone.page.locator(`tr[data-id="${id.road}"]`).waitFor();
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: `${SHOTS}/queue-phone.png`, fullPage: true });
    await phone.page.goto(`/admin/laporan/${id.light}`);
    await phone.page.getByRole('heading', { name: 'Tindakan' }).waitFor();
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: `${SHOTS}/complaint-phone.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}/queue-desktop.png`, fullPage: true });
  });

  it('raised no page error and no CSP violation', () => {
    expect(ui.problems.flat()).toEqual([]);
  });
});
