// Satisfaction, the SP4N-LAPOR export and outgoing webhooks in the admin UI, in real Chromium: the dashboard
// shows ratings per agency and the flagged case and downloads the export; the complaint page shows the
// rating and clears the flag; an administrator adds a webhook subscriber (secret shown once) and sends a
// failed delivery again. SQLite.

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SP4N_FIELDS } from '../../src/app/export-sp4n.js';
import { createLogger } from '../../src/logger.js';
import { createWebhookWorker } from '../../src/webhooks/worker.js';
import { adminUiHarness } from '../support/admin-ui-harness.js';
import { sentTo, telegramComplaint } from '../support/browser.js';
import { ADMIN, adminClient } from '../support/runtime.js';

const SHOTS = '.tmp/ui-shots';

describe('satisfaction, SP4N export and webhooks in a real browser on sqlite', () => {
  const ui = adminUiHarness({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_MAX_ATTEMPTS: '1' } });
  let page: Page;
  let problems: string[] = [];
  let receiver: Server;
  let answer = 500;
  let id = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const api = await adminClient(ui.rt.url);
    id = await telegramComplaint(
      ui.fake,
      7301,
      'Jalan di depan Pasar Kranggot berlubang besar, sudah sebulan tidak ditambal',
    );
    for (const body of [{ action: 'forward', agency: 'DPUTR' }, { action: 'resolve' }]) {
      expect((await api('POST', `/api/complaints/${id}/transitions`, body)).status).toBe(200);
    }
    await ui.fake.waitForSent(sentTo(7301, 'Balas dengan angka 1 sampai 5'), 30_000);
    ui.fake.pushUpdate(ui.fake.textUpdate(7301, '1 lubangnya masih ada, cuma ditimbun tanah'));
    await ui.fake.waitForSent(sentTo(7301, 'kami buka kembali'), 30_000);
    ({ page, problems } = await ui.signIn(ADMIN));
  });
  afterAll(async () => {
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  });

  it('the dashboard shows ratings per agency and the flagged case, and downloads the SP4N-LAPOR export', async () => {
    await page.goto('/admin/dasbor');
    const panel = page.getByRole('region', { name: 'Kepuasan pelapor' });
    await panel.getByRole('row', { name: /Dinas Pekerjaan Umum/ }).waitFor();
    expect(await panel.getByRole('row', { name: /Dinas Pekerjaan Umum/ }).innerText()).toMatch(/1\s+1,0\s+1/);
    await panel.getByRole('link', { name: id }).waitFor();
    expect(await panel.innerText()).toContain('penilaian rendah');
    await panel.screenshot({ path: `${SHOTS}/dashboard-satisfaction.png` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ekspor SP4N-LAPOR (CSV)' }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toBe(SP4N_FIELDS.join(','));
    expect(csv).toContain(id);
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
  });

  it('the complaint page shows the rating and the flag, and the desk clears the flag', async () => {
    await page.goto(`/admin/laporan/${id}`);
    const panel = page.getByRole('region', { name: 'Penilaian pelapor' });
    await panel.getByRole('img', { name: '1 dari 5' }).waitFor();
    expect(await panel.innerText()).toContain('lubangnya masih ada, cuma ditimbun tanah');
    expect(await panel.innerText()).toContain('Pelapor memberi penilaian rendah');
    await panel.screenshot({ path: `${SHOTS}/complaint-satisfaction.png` });
    await panel.getByRole('button', { name: 'Tandai sudah ditinjau' }).click();
    await page.getByText('Tanda penilaian sudah ditinjau.').waitFor();
    // The confirmation shows once the page has reloaded the complaint: the flag is already gone.
    expect(await panel.getByText('Pelapor memberi penilaian rendah').count()).toBe(0);
    expect((await ui.rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } })).flaggedAt).toBeNull();
  });

  it('an administrator adds a subscriber, sees the secret once, and sends a failed delivery again', async () => {
    await page.goto('/admin/webhook');
    await page.getByLabel('Nama sistem').fill('SIMPEL Kota');
    const port = (receiver.address() as AddressInfo).port;
    await page.getByLabel('Alamat URL (https://…)').fill(`http://127.0.0.1:${port}/kanal-aduan`);
    await page.getByLabel('Penilaian pelapor').check();
    await page.getByRole('button', { name: 'Tambah' }).click();
    const secret = page.getByRole('alert').filter({ hasText: 'Rahasia untuk' });
    await secret.getByText(/^whsec_/).waitFor();
    const shown = await secret.locator('code').innerText();
    expect(shown).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const table = page.getByRole('table', { name: 'Pelanggan webhook' });
    expect(await table.innerText()).toContain('Laporan baru, Perubahan status, Penilaian pelapor');
    await page.screenshot({ path: `${SHOTS}/webhooks-secret.png`, fullPage: true });
    await secret.getByRole('button', { name: 'Sudah saya simpan' }).click();
    await page.reload();
    expect(await page.content()).not.toContain(shown);

    // A status change the receiver refuses with 500: with one attempt allowed it fails and shows up.
    const api = await adminClient(ui.rt.url);
    await api('POST', `/api/complaints/${id}/transitions`, { action: 'resolve' });
    await ui.rt.webhooks.drain();
    const worker = createWebhookWorker({
      db: ui.rt.ctx.db,
      logger: createLogger('silent'),
      maxAttempts: 1,
      timeoutMs: 5_000,
      allowPrivateTargets: true,
    });
    await worker.drain();
    await page.reload();
    const history = page.getByRole('table', { name: 'Riwayat pengiriman webhook' });
    await history.getByText('HTTP 500').waitFor();
    expect(await history.locator('tr[data-status="failed"]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/webhooks-failed.png`, fullPage: true });
    answer = 200;
    await history.getByRole('button', { name: 'Kirim ulang' }).click();
    await page.getByText('Pengiriman dijadwalkan ulang.').waitFor();
    await ui.rt.webhooks.drain();
    const rows = await ui.rt.ctx.db.webhookDelivery.findMany();
    expect(rows.map((r) => r.status)).toEqual(['delivered']);
    expect(problems).toEqual([]);
  });
});
