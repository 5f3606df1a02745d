// The supervisor's and the administrator's screens in a real browser: the dashboard's charts are drawn and say
// what the database holds, the at-risk list and the classifier's quality follow the desk's decisions, the CSV
// downloads; an agency is added and switched off; channel health shows the WhatsApp Web QR until the phone is
// linked; a message that could not be processed is retried and becomes a complaint. SQLite.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWhatsAppWebAdapter } from '../../adapters/whatsapp-web/index.js';
import { createLogger } from '../../src/logger.js';
import { CHANNEL_LABELS, STATUS_SHORT } from '../../ui/src/texts.js';
import { FakeWhatsApp } from '../fakes/whatsapp-web-client.js';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { delivered, fileComplaints, fitsWidth, loginThroughUi, sentTo } from '../support/browser.js';
import { ADMIN, adminClient } from '../support/runtime.js';

const SHOTS = '.tmp/ui-shots';
const WA_CONFIG = { sessionDir: 'unused', clientId: 'ui', chromiumPath: '/nonexistent', headless: true };

describe('dashboard, agencies and channel health in a real browser on sqlite', () => {
  let wa: FakeWhatsApp;
  // The WhatsApp Web channel runs on a fake client whose QR and readiness the test drives.
  const ui = adminUiHarness({
    deps: () => {
      wa = new FakeWhatsApp();
      wa.autoReady = false;
      const adapter = createWhatsAppWebAdapter(WA_CONFIG, {
        logger: createLogger('silent'),
        createClient: wa.createClient,
        printQr: () => undefined,
      });
      return { adapters: [adapter] };
    },
  });
  let page: Page;
  const id = { road: '', trash: '', light: '', park: '' };

  /** "Label: n, Label: n" as the chart's text alternative says it, from a groupBy of the database. */
  const summaryOf = (rows: { key: string | null; n: number }[], names: Record<string, string>) =>
    rows.map((r) => `${names[r.key ?? ''] ?? r.key}: ${r.n}`).sort();
  const chartSays = async (title: string) => {
    const label = (await page.getByRole('img', { name: new RegExp(`^${title}\\.`) }).getAttribute('aria-label')) ?? '';
    return label
      .slice(title.length + 2)
      .split(', ')
      .filter(Boolean)
      .sort();
  };

  beforeAll(async () => {
    [id.road, id.trash, id.light, id.park] = await fileComplaints(ui.fake, ui.rt.url, [
      [7301, 'jalan berlubang besar di Jl. Ahmad Yani depan SDN 3 Jombang, bahaya'],
      [7302, 'sampah menumpuk di TPS Pasar Kranggot sudah 4 hari, baunya menyengat'],
      [7303, 'lampu jalan mati di Jl. Lingkar Selatan dekat Ciwaduk, gelap sekali'],
      ['web', 'Parkir liar di depan Pasar Kranggot bikin macet setiap sore hari'],
    ]);
    // The desk's decisions: one suggestion kept, one changed, one rejected.
    const api = await adminClient(ui.rt.url);
    expect((await api('POST', `/api/complaints/${id.road}/accept`, {})).status).toBe(200);
    const trash = await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id.trash } });
    const other = trash.suggestedAgency === 'DLH' ? 'DISPERKIM' : 'DLH';
    expect(
      (await api('POST', `/api/complaints/${id.trash}/transitions`, { action: 'forward', agency: other })).status,
    ).toBe(200);
    const reason = 'Mohon maaf, lokasi belum jelas.';
    const rejected = await api('POST', `/api/complaints/${id.park}/transitions`, {
      action: 'reject',
      publicNote: reason,
    });
    expect(rejected.status).toBe(200);
    // The light complaint's verification clock is nearly out: it belongs on the "risiko Ombudsman" list.
    await ui.rt.ctx.db.complaint.update({
      where: { trackingId: id.light },
      data: { verifyDueAt: new Date(Date.now() + 3_600_000) },
    });
    ({ page } = await ui.signIn(ADMIN));
  });

  it('draws the charts with the figures of the database, the at-risk list and the classifier quality', async () => {
    await page.getByRole('link', { name: 'Dasbor' }).click();
    await page.getByRole('heading', { name: 'Risiko Ombudsman' }).waitFor();
    const db = ui.rt.ctx.db;
    const byStatus = await db.complaint.groupBy({ by: ['status'], _count: { _all: true } });
    const byChannel = await db.complaint.groupBy({ by: ['channel'], _count: { _all: true } });
    expect(await chartSays('Per status')).toEqual(
      summaryOf(
        byStatus.map((r) => ({ key: r.status, n: r._count._all })),
        STATUS_SHORT,
      ),
    );
    expect(await chartSays('Per kanal')).toEqual(
      summaryOf(
        byChannel.map((r) => ({ key: r.channel, n: r._count._all })),
        CHANNEL_LABELS,
      ),
    );
    const byAgency = await db.complaint.groupBy({ by: ['assignedAgency'], _count: { _all: true } });
    const shortNames = Object.fromEntries(
      (await db.agency.findMany()).map((a) => [a.code, a.shortName]).concat([['', 'Belum diteruskan']]),
    );
    expect(await chartSays('Per OPD')).toEqual(
      summaryOf(
        byAgency.map((r) => ({ key: r.assignedAgency, n: r._count._all })),
        shortNames,
      ),
    );
    expect((await chartSays('Laporan per hari')).some((p) => p.endsWith(': 4'))).toBe(true);
    // Every chart is drawn: its canvas has painted pixels.
    const painted = await page.locator('canvas').evaluateAll((canvases) =>
      canvases.map((c) => {
        const el = c as HTMLCanvasElement;
        const data = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data ?? [];
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
        return n;
      }),
    );
    expect(painted).toHaveLength(4);
    for (const n of painted) expect(n).toBeGreaterThan(100);

    const decided = await db.labelledExample.count({ where: { source: 'admin' } });
    expect(decided).toBe(2);
    await page.getByText('1 diterima, 1 diganti dari 2 keputusan').waitFor();
    await page.locator('.tile', { hasText: 'Saran sistem diterima' }).getByText('50%').waitFor();
    const quality = page.getByRole('region', { name: 'Kualitas saran per OPD' });
    expect(await quality.locator('tbody tr').count()).toBeGreaterThan(0);

    const risk = page.getByRole('region', { name: 'Risiko Ombudsman' });
    await risk.getByRole('link', { name: id.light }).waitFor();
    expect(await risk.getByRole('link', { name: id.road }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), risk.getByText('Unduh CSV').click()]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv).toContain(id.light);
    for (const other of [id.road, id.trash, id.park]) expect(csv).not.toContain(other);
    await page.screenshot({ path: `${SHOTS}/dashboard-desktop.png`, fullPage: true });

    // A range before any complaint: every figure drops to nothing.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Dari').fill(day(20));
    await page.getByLabel('Sampai').fill(day(10));
    await expect.poll(() => chartSays('Per kanal')).toEqual([]);
    await page.getByText('0 diterima, 0 diganti dari 0 keputusan').waitFor();
    expect((await chartSays('Laporan per hari')).every((p) => p.endsWith(': 0'))).toBe(true);

    const phone = await ui.person('phone');
    await loginThroughUi(phone.page, ADMIN.email, ADMIN.password);
    await phone.page.goto('/admin/dasbor');
    await phone.page.getByRole('heading', { name: 'Risiko Ombudsman' }).waitFor();
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
  });

  it('adds an agency and switches it off', async () => {
    await page.getByRole('link', { name: 'Instansi' }).click();
    const form = page.locator('form', { hasText: 'Tambah instansi' });
    await form.getByLabel('Kode').fill('disarpus');
    await form.getByLabel('Nama lengkap').fill('Dinas Perpustakaan dan Arsip Daerah');
    await form.getByLabel('Nama singkat').fill('Disarpus');
    await form.getByRole('button', { name: 'Tambah' }).click();
    await page.getByRole('status').filter({ hasText: 'Dinas Perpustakaan dan Arsip Daerah ditambahkan' }).waitFor();
    expect(await ui.rt.ctx.db.agency.findUnique({ where: { code: 'DISARPUS' } })).toMatchObject({
      name: 'Dinas Perpustakaan dan Arsip Daerah',
      shortName: 'Disarpus',
      active: true,
    });
    await page.locator('tr', { hasText: 'DISARPUS' }).getByRole('button', { name: 'Nonaktifkan' }).click();
    await page.getByRole('status').filter({ hasText: 'Disarpus dinonaktifkan' }).waitFor();
    expect((await ui.rt.ctx.db.agency.findUniqueOrThrow({ where: { code: 'DISARPUS' } })).active).toBe(false);
    await page.screenshot({ path: `${SHOTS}/agencies-desktop.png`, fullPage: true });
  });

  it('shows the WhatsApp Web QR until the phone is linked', async () => {
    wa.current.emit('qr', '2@kanal-aduan-test-qr,abc,def');
    await page.getByRole('link', { name: 'Kanal & pesan gagal' }).click();
    const qr = page.getByRole('img', { name: 'Kode QR WhatsApp Web' });
    await qr.waitFor({ timeout: 15_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(50);
    const waTile = page.locator('.tile', { hasText: 'WhatsApp' });
    await waTile.getByText('Perlu pindai kode QR').waitFor();
    await waTile.getByText('Menunggu kode QR dipindai dari ponsel.').waitFor();
    await page.screenshot({ path: `${SHOTS}/channels-qr.png`, fullPage: true });
    wa.current.becomeReady();
    await page.locator('.tile', { hasText: 'WhatsApp' }).getByText('Terhubung').waitFor({ timeout: 15_000 });
    expect(await qr.count()).toBe(0);
  });

  it('retries a message that could not be processed, and it becomes a complaint', async () => {
    const text = 'got di Jl. Cikuasa Atas tersumbat sampah, air meluap ke rumah warga';
    const normalised = {
      channel: 'telegram',
      externalId: 'update:990001',
      sender: { externalId: '7310', displayName: 'Warga' },
      replyAddress: 'telegram:7310',
      kind: 'text',
      text,
      attachments: [],
      conversation: { type: 'private', id: '7310', addressed: true },
    };
    // What the intake leaves behind after its last failed attempt (the database was locked five times).
    await ui.rt.ctx.db.message.create({
      data: {
        channel: 'telegram',
        externalId: 'update:990001',
        direction: 'inbound',
        kind: 'text',
        text,
        payload: JSON.stringify({ normalised }),
        state: 'dead',
        attempts: 5,
        error: 'SQLITE_BUSY: database is locked',
      },
    });
    await page.reload();
    const item = page.locator('li', { hasText: text });
    await item.getByText('5 kali dicoba').waitFor({ timeout: 15_000 });
    await item.getByRole('button', { name: 'Proses ulang' }).click();
    await page.getByRole('status').filter({ hasText: 'Pesan dijadwalkan untuk diproses ulang' }).waitFor();
    await page.getByText('Tidak ada. Semua pesan masuk sudah diproses.').waitFor();
    // The recovery job (every minute in production) picks it up.
    await ui.rt.intake.recover(0);
    await delivered(ui.rt.worker, ui.fake, sentTo(7310, 'sudah kami terima dengan nomor pelacakan'));
    expect(await ui.rt.ctx.db.complaint.count({ where: { text: { contains: 'Cikuasa Atas' } } })).toBe(1);
  });

  it('raised no page error and no CSP violation', () => {
    expect(ui.problems.flat()).toEqual([]);
  });
});
