// The SP4N-LAPOR! export through the admin API, field by field, as JSON and as CSV (BOM, formula guard), with
// the date-range and status filters, and the reporter's privacy choice respected: an anonim or rahasia
// reporter's name and contact never appear, and their text is masked. SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SP4N_FIELDS } from '../../src/app/export-sp4n.js';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, adminClient, sessionCookie, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

describe.each(providers)('SP4N-LAPOR export on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let api: Awaited<ReturnType<typeof adminClient>>;
  const ids = { named: '', anonim: '', rahasia: '', formula: '', chatter: '' };
  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url });
    api = await adminClient(rt.url);
    const file = async (text: string, privacy: string, name?: string, contact?: string) => {
      const res = await fetch(`${rt.url}/lapor`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: randomBytes(16).toString('base64url'), text, privacy, name, contact }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { trackingId: string }).trackingId;
    };
    ids.named = await file(
      'Jalan berlubang besar di Jl. Kyai Haji Wasyid depan SDN Kebonsari. Sudah dua bulan belum ditambal.',
      'named',
      'Budi Santoso',
      '081234567890',
    );
    ids.anonim = await file(
      'Pungutan liar saat mengurus KTP di kantor kecamatan, petugas minta Rp 200.000. Hubungi saya 081298765432',
      'anonim',
      'Siti Rahma',
      'siti@example.com',
    );
    ids.rahasia = await file(
      'Lampu PJU di Gang Anggrek RT 03 RW 02 Kelurahan Ketileng mati semua sejak sepekan, rawan kejahatan.',
      'rahasia',
      'Andi',
      '085711112222',
    );
    ids.formula = await file('=HYPERLINK("http://evil.example","klik") sampah menumpuk di pasar Kranggot', 'named');
    ids.chatter = await file('Selamat pagi admin, semangat bekerja ya', 'named');
    const move = (id: string, action: string, extra: object = {}) =>
      api('POST', `/api/complaints/${id}/transitions`, { action, ...extra });
    await move(ids.named, 'forward', { agency: 'DPUTR' });
    await move(ids.named, 'resolve', { publicNote: 'Sudah ditambal pada 28 November. Info: 0254-391234.' });
    await move(ids.anonim, 'forward', { agency: 'DISDUKCAPIL' });
    await move(ids.chatter, 'not_complaint');
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  type Item = Record<(typeof SP4N_FIELDS)[number], string | number | null>;
  const exportJson = async (query = '') => {
    const res = await api('GET', `/api/export/sp4n-lapor?format=json${query}`);
    expect(res.status).toBe(200);
    return res.body as { fields: string[]; count: number; items: Item[] };
  };
  const byId = (items: Item[], id: string) => items.find((i) => i.nomor_pelacakan === id) as Item;

  it('exports a named reporter in every field', async () => {
    const out = await exportJson();
    expect(out.fields).toEqual([...SP4N_FIELDS]);
    // The non-complaint is not exported; the other four are.
    expect(out.items.map((i) => i.nomor_pelacakan).sort()).toEqual(
      [ids.named, ids.anonim, ids.rahasia, ids.formula].sort(),
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    expect(byId(out.items, ids.named)).toEqual({
      nomor_pelacakan: ids.named,
      tanggal_laporan: today,
      klasifikasi: 'Pengaduan',
      judul_laporan: 'Jalan berlubang besar di Jl. Kyai Haji Wasyid depan SDN Kebonsari.',
      isi_laporan: 'Jalan berlubang besar di Jl. Kyai Haji Wasyid depan SDN Kebonsari. Sudah dua bulan belum ditambal.',
      tanggal_kejadian: null,
      lokasi_kejadian: null,
      lintang: null,
      bujur: null,
      kode_instansi_tujuan: 'DPUTR',
      instansi_tujuan: 'Dinas Pekerjaan Umum dan Tata Ruang',
      status: 'Selesai',
      anonim: 'Tidak',
      rahasia: 'Tidak',
      nama_pelapor: 'Budi Santoso',
      kontak_pelapor: '081234567890',
      kanal: 'Formulir web',
      jumlah_lampiran: 0,
      tindak_lanjut_terakhir: 'Sudah ditambal pada 28 November. Info: 0254-391234.',
      tanggal_selesai: today,
      penilaian_pelapor: null,
    });
  });

  it('never exports an anonim or rahasia reporter’s identity, and masks their text', async () => {
    const out = await exportJson();
    const anonim = byId(out.items, ids.anonim);
    expect(anonim).toMatchObject({
      anonim: 'Ya',
      rahasia: 'Tidak',
      nama_pelapor: null,
      kontak_pelapor: null,
      kode_instansi_tujuan: 'DISDUKCAPIL',
      status: 'Diteruskan ke perangkat daerah',
    });
    expect(anonim.isi_laporan).toContain('[nomor telepon disamarkan]');
    expect(anonim.isi_laporan).toContain('Rp 200.000');
    const rahasia = byId(out.items, ids.rahasia);
    expect(rahasia).toMatchObject({ anonim: 'Tidak', rahasia: 'Ya', nama_pelapor: null, kontak_pelapor: null });
    const all = JSON.stringify(out);
    for (const secret of ['Siti Rahma', 'siti@example.com', '081298765432', 'Andi', '085711112222']) {
      expect(all).not.toContain(secret);
    }
  });

  it('filters by status and by date range', async () => {
    expect((await exportJson('&status=resolved')).items.map((i) => i.nomor_pelacakan)).toEqual([ids.named]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await exportJson(`&from=${encodeURIComponent(tomorrow)}`)).count).toBe(0);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect((await exportJson(`&from=${encodeURIComponent(yesterday)}&to=${encodeURIComponent(tomorrow)}`)).count).toBe(
      4,
    );
    expect((await api('GET', '/api/export/sp4n-lapor?from=kemarin')).status).toBe(400);
  });

  it('CSV: UTF-8 with BOM, the same fields, a formula neutralised, only for the desk', async () => {
    const cookie = await sessionCookie(rt.http, ADMIN);
    const res = await fetch(`${rt.url}/api/export/sp4n-lapor?status=resolved`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="sp4n-lapor-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(SP4N_FIELDS.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${ids.named},`);
    expect(lines[1]).toContain(',Budi Santoso,081234567890,Formulir web,0,');
    const all = await fetch(`${rt.url}/api/export/sp4n-lapor`, { headers: { cookie } });
    const csv = await all.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"") sampah menumpuk di pasar Kranggot"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const anonymous = await fetch(`${rt.url}/api/export/sp4n-lapor`);
    expect(anonymous.status).toBe(401);
  });
});
