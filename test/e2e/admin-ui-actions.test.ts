// Every decision on the complaint page in a real browser, checked where it lands: correct the category and the
// location, change the agency, hold, verify, refer to an outside authority (the reporter is told where to
// report), archive, reopen, not a complaint; split a message out; retry a failed reply; merge a suggested
// duplicate with one click; and the audit log lists what was done. SQLite.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { delivered, sentTo, telegramComplaint } from '../support/browser.js';
import { ADMIN, eventually } from '../support/runtime.js';

const SHOTS = '.tmp/ui-shots';

describe('complaint page decisions in a real browser on sqlite', () => {
  const ui = adminUiHarness();
  let page: Page;

  const row = (trackingId: string) => ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
  const said = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const act = (name: string | RegExp) =>
    page.getByRole('region', { name: 'Tindakan' }).getByRole('button', { name, exact: typeof name === 'string' });
  const open = async (trackingId: string) => {
    await page.goto(`/admin/laporan/${trackingId}`);
    await page.getByRole('heading', { name: 'Tindakan' }).waitFor();
  };

  beforeAll(async () => {
    ({ page } = await ui.signIn(ADMIN));
  });

  it('corrects the category and the location, then changes the agency after forwarding', async () => {
    const id = await telegramComplaint(ui.fake, 7201, 'lampu jalan mati di dekat Ciwaduk, gelap sekali kalau malam');
    await open(id);
    const card = page.getByRole('region', { name: 'Gabung dan koreksi' });
    await card.getByLabel('Kategori (OPD yang sesuai)').selectOption('DISHUB');
    await card.getByLabel('Lintang').fill('-6.02013');
    await card.getByLabel('Bujur').fill('106.04551');
    await card.getByLabel('Keterangan lokasi').fill('Jl. Lingkar Selatan, Ciwaduk');
    await card.getByRole('button', { name: 'Simpan koreksi' }).click();
    await said('Koreksi disimpan');
    expect(await row(id)).toMatchObject({
      suggestedAgency: 'DISHUB',
      latitude: -6.02013,
      longitude: 106.04551,
      locationText: 'Jl. Lingkar Selatan, Ciwaduk',
    });
    const map = page.getByRole('link', { name: 'Buka di peta' });
    expect(await map.getAttribute('href')).toContain('mlat=-6.02013&mlon=106.04551');

    await act(/Terima saran: teruskan ke Dinas Perhubungan/).click();
    await said('diverifikasi dan diteruskan');
    await delivered(ui.rt.worker, ui.fake, sentTo(7201, `Laporan ${id} telah diteruskan`));
    await act('Ganti OPD').click();
    await page.getByLabel('OPD tujuan').selectOption('DISPERKIM');
    await page.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await said('Laporan diteruskan ke');
    expect(await row(id)).toMatchObject({ status: 'forwarded', assignedAgency: 'DISPERKIM' });
    await page.screenshot({ path: `${SHOTS}/complaint-desktop.png`, fullPage: true });
  });

  it('holds, verifies, refers to PLN (the reporter learns where to report), archives and reopens', async () => {
    const id = await telegramComplaint(ui.fake, 7202, 'listrik padam sejak pagi di Perumahan Taman Krakatau, tolong');
    await open(id);
    await act('Tunda').click();
    await said('Tunda: berhasil');
    await delivered(ui.rt.worker, ui.fake, sentTo(7202, `Laporan ${id} untuk sementara kami tunda`));
    await act('Verifikasi').click();
    await said('Verifikasi: berhasil');
    expect((await row(id)).status).toBe('verified');

    await act('Bukan wewenang…').click();
    await page.getByLabel('Instansi yang berwenang').selectOption('PLN');
    await page.getByLabel('Catatan untuk pelapor').fill('Gangguan listrik ditangani langsung oleh PLN.');
    await page.getByRole('button', { name: 'Rujuk' }).click();
    await said('dirujuk ke instansi yang berwenang');
    const told = await delivered(ui.rt.worker, ui.fake, sentTo(7202, `Laporan ${id} bukan kewenangan`));
    expect(told.text).toContain('PT PLN (Persero)');
    expect(told.text).toContain('aplikasi PLN Mobile atau call center 123');
    expect((await row(id)).status).toBe('referred');

    await act('Arsipkan').click();
    await said('Arsipkan: berhasil');
    expect((await row(id)).status).toBe('archived');
    await act('Buka kembali').click();
    await said('Buka kembali: berhasil');
    expect((await row(id)).status).toBe('received');
    await delivered(ui.rt.worker, ui.fake, sentTo(7202, `Laporan ${id} kami buka kembali`));
  });

  it('marks a message as not a complaint; the reporter is told politely', async () => {
    const id = await telegramComplaint(
      ui.fake,
      7207,
      'min mau tanya, kantor kecamatan Cibeber hari Sabtu buka atau tidak ya',
    );
    await open(id);
    await act('Bukan aduan').click();
    await said('Bukan aduan: berhasil');
    expect(await row(id)).toMatchObject({ status: 'archived', jurisdiction: 'not_complaint' });
    const told = await delivered(ui.rt.worker, ui.fake, sentTo(7207, `Terima kasih atas pesan Anda (${id})`));
    expect(told.text).toContain('tidak termasuk pengaduan layanan publik');
    // The decision teaches the classifier what chatter looks like.
    const complaintId = (await row(id)).id;
    const lesson = await ui.rt.ctx.db.labelledExample.findFirstOrThrow({
      where: { complaintId, label: 'BUKAN_ADUAN' },
    });
    expect(lesson.text).toContain('kecamatan Cibeber');
  });

  it('shows when the reporter cannot be reached on their channel (they blocked the bot)', async () => {
    const id = await telegramComplaint(ui.fake, 7208, 'lampu PJU di Jl. Kyai Haji Wasyid mati total sejak Senin malam');
    const reporterId = (await row(id)).reporterId;
    await ui.rt.ctx.db.channelIdentity.updateMany({
      where: { reporterId, channel: 'telegram' },
      data: { unreachableAt: new Date(), unreachableReason: 'Forbidden: bot was blocked by the user' },
    });
    await open(id);
    await page
      .getByText(/Tidak dapat dihubungi lewat Telegram sejak .* \(Forbidden: bot was blocked by the user\)/)
      .waitFor();
  });

  it('splits a second problem out of a complaint into a new one', async () => {
    const id = await telegramComplaint(
      ui.fake,
      7203,
      'jalan rusak parah di Jl. Sudirman depan Ramayana, banyak lubang',
    );
    ui.fake.pushUpdate(ui.fake.textUpdate(7203, 'satu lagi pak, pohon tumbang menutup trotoar di Taman Kota Cilegon'));
    const complaintId = (await row(id)).id;
    await eventually(
      async () => (await ui.rt.ctx.db.message.count({ where: { complaintId, direction: 'inbound' } })) === 2,
      10_000,
    );
    await open(id);
    const second = page.locator('li.msg.inbound', { hasText: 'pohon tumbang' });
    // The reload after the split is held back: no confirmation may show beside the stale conversation.
    const reload = `/api/complaints/${encodeURIComponent(id)}`;
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const requested = new Promise<void>((asked) => {
      void page.route(
        (url) => url.pathname === reload,
        async (route) => {
          asked();
          await released;
          await route.continue();
        },
      );
    });
    await second.getByRole('button', { name: 'Pisahkan jadi laporan baru' }).click();
    const note = page.getByRole('status').filter({ hasText: 'Pesan dipisahkan menjadi laporan baru' });
    await requested;
    expect(await note.count()).toBe(0);
    release();
    const newId = /CLG-\d{6}-[A-Z0-9]{4}/.exec((await note.textContent()) ?? '')?.[0] ?? '';
    expect(newId).not.toBe('');
    const moved = await ui.rt.ctx.db.message.findMany({
      where: { complaintId: (await row(newId)).id, direction: 'inbound' },
    });
    expect(moved.map((m) => m.text)).toEqual([expect.stringContaining('pohon tumbang')]);
    expect(await page.locator('li.msg.inbound', { hasText: 'pohon tumbang' }).count()).toBe(0);
  });

  it('shows a failed reply as failed and sends it on "Kirim ulang"', async () => {
    const id = await telegramComplaint(ui.fake, 7204, 'sampah menumpuk di TPS Pasar Kranggot sudah 4 hari, bau sekali');
    await open(id);
    const text = 'Mohon kirimkan foto tumpukan sampahnya agar petugas DLH mudah menemukan lokasinya.';
    ui.fake.failNext('sendMessage', { status: 400, description: 'Bad Request: message could not be sent' });
    await page.locator('#balasan').fill(text);
    await page.getByRole('button', { name: 'Kirim balasan' }).click();
    const failed = page.locator('li.msg.outbound[data-delivery="failed"]', { hasText: text });
    await failed.getByText('Gagal terkirim').waitFor({ timeout: 15_000 });
    expect(ui.fake.sent.filter(sentTo(7204, text))).toHaveLength(0);
    await failed.getByRole('button', { name: 'Kirim ulang' }).click();
    await said('Pesan dijadwalkan untuk dikirim ulang');
    await delivered(ui.rt.worker, ui.fake, sentTo(7204, text));
    await page.locator('li.msg.outbound[data-delivery="sent"]', { hasText: text }).waitFor({ timeout: 15_000 });
    expect(ui.fake.sent.filter(sentTo(7204, text))).toHaveLength(1);
  });

  it('offers a likely duplicate and merges it with one click; both reporters stay informed', async () => {
    const first = await telegramComplaint(
      ui.fake,
      7205,
      'pipa PDAM bocor di Jl. Kyai Haji Wasyid depan Masjid Agung, air muncrat ke jalan',
    );
    const second = await telegramComplaint(
      ui.fake,
      7206,
      'air PDAM muncrat dari pipa bocor depan Masjid Agung Jl. KH Wasyid, jalan jadi licin',
    );
    await open(second);
    const offer = page.getByRole('region', { name: 'Mungkin laporan yang sama' });
    await offer.getByRole('button', { name: `Gabungkan ke ${first}` }).click();
    await page.waitForURL(`**/admin/laporan/${first}`);
    await said(`${second} digabungkan ke ${first}`);
    expect((await row(second)).mergedIntoId).toBe((await row(first)).id);
    await act(/Terima saran/).click();
    await said('diverifikasi dan diteruskan');
    await delivered(ui.rt.worker, ui.fake, sentTo(7205, `Laporan ${first} telah diteruskan`));
    await delivered(ui.rt.worker, ui.fake, sentTo(7206, 'telah diteruskan'));
  });

  it('lists what this admin did in the audit log', async () => {
    await page.getByRole('link', { name: 'Log audit' }).click();
    await page.getByRole('heading', { name: 'Log audit' }).waitFor();
    // The heading shows before the entries arrive: wait for the table itself.
    await page.locator('table tbody tr').first().waitFor();
    const actions = await page.locator('table tbody tr td:nth-child(3)').allTextContents();
    for (const a of [
      'Koreksi kategori/lokasi',
      'Terima saran OPD',
      'Ubah status',
      'Pisahkan pesan',
      'Balas pelapor',
      'Kirim ulang pesan',
      'Gabungkan laporan',
    ])
      expect(actions).toContain(a);
    // Each row names the complaint it touched.
    const split = page.locator('tr', { has: page.locator('td[data-action="split"]') });
    expect(await split.locator('td:nth-child(4)').textContent()).toMatch(/CLG-\d{6}-[A-Z0-9]{4}/);
    const logged = await ui.rt.ctx.db.auditLog.count();
    await page.getByText(`dari ${logged}`).waitFor();
  });

  it('raised no page error and no CSP violation', () => {
    expect(ui.problems.flat()).toEqual([]);
  });
});
