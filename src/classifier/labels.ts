import type { Jurisdiction } from './types.js';

/** Metadata for one classifier label: who is responsible and, for outside authorities, where to report. */
export interface LabelInfo {
  code: string;
  jurisdiction: Jurisdiction;
  /** Indonesian name of the agency or authority (shown to officers and reporters). */
  name: string;
  /** Short Indonesian hint telling a reporter where to take a complaint the city cannot handle. */
  whereToReport: string | null;
  /** A suggestion of this label always goes to a human (a catch-all such as "other city unit"). */
  alwaysReview?: boolean;
}

function city(code: string, name: string): LabelInfo {
  return { code, jurisdiction: 'city', name, whereToReport: null };
}

function outside(code: string, jurisdiction: Jurisdiction, name: string, whereToReport: string): LabelInfo {
  return { code, jurisdiction, name, whereToReport };
}

/** The 39 labels of the default deployment (Kota Cilegon). */
export const LABELS: readonly LabelInfo[] = [
  city('DPUTR', 'Dinas Pekerjaan Umum dan Tata Ruang'),
  city('DISPERKIM', 'Dinas Perumahan dan Kawasan Permukiman'),
  city('DLH', 'Dinas Lingkungan Hidup'),
  city('DISHUB', 'Dinas Perhubungan'),
  city('DINKES', 'Dinas Kesehatan'),
  city('RSUD', 'RSUD Kota Cilegon'),
  city('DINDIKBUD', 'Dinas Pendidikan dan Kebudayaan'),
  city('DISDUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil'),
  city('DINSOS', 'Dinas Sosial'),
  city('SATPOLPP', 'Satuan Polisi Pamong Praja'),
  city('BPBD', 'Badan Penanggulangan Bencana Daerah'),
  city('DISNAKER', 'Dinas Tenaga Kerja'),
  city('DPMPTSP', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu'),
  city('BAPENDA', 'Badan Pendapatan Daerah'),
  city('DISPERINDAG', 'Dinas Perindustrian dan Perdagangan'),
  city('DISKOMINFO', 'Dinas Komunikasi dan Informatika'),
  city('DP3AP2KB', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB'),
  city('PDAM', 'Perumda Air Minum Cilegon Mandiri'),
  city('KECAMATAN', 'Kecamatan / Kelurahan'),
  city('BKPSDM', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'),
  city('DISPORAPAR', 'Dinas Pemuda, Olahraga dan Pariwisata'),
  city('DISPUSIP', 'Dinas Perpustakaan dan Kearsipan'),
  city('DKPP', 'Dinas Ketahanan Pangan dan Pertanian'),
  city('SETDA_KESRA', 'Bagian Kesejahteraan Rakyat Sekretariat Daerah'),
  city('SETDA_HUKUM', 'Bagian Hukum Sekretariat Daerah'),
  { ...city('UNIT_LAIN', 'Perangkat daerah lain'), alwaysReview: true },
  outside(
    'PROVINSI',
    'province',
    'Pemerintah Provinsi Banten',
    'kanal SP4N-LAPOR (lapor.go.id) tujuan Pemprov Banten, atau dinas provinsi terkait (SMA/SMK/SLB: Dindikbud Provinsi Banten; pajak kendaraan: Samsat)',
  ),
  outside('PLN', 'central', 'PT PLN (Persero)', 'aplikasi PLN Mobile atau call center 123'),
  outside(
    'BPJS',
    'central',
    'BPJS Kesehatan / BPJS Ketenagakerjaan',
    'care center BPJS Kesehatan 165, aplikasi Mobile JKN, atau kantor BPJS Ketenagakerjaan (175)',
  ),
  outside(
    'POLRI',
    'central',
    'Kepolisian Negara Republik Indonesia (Polri)',
    'kantor polisi terdekat, Polres Cilegon, atau call center 110',
  ),
  outside(
    'BPN',
    'central',
    'Kementerian ATR/BPN (Kantor Pertanahan)',
    'Kantor Pertanahan Kota Cilegon atau aplikasi Sentuh Tanahku',
  ),
  outside(
    'JALAN_NASIONAL',
    'central',
    'Balai Pelaksanaan Jalan Nasional (BPJN) Banten, Kementerian PU',
    'BPJN Banten / Kementerian PU melalui SP4N-LAPOR (lapor.go.id)',
  ),
  outside(
    'PELABUHAN',
    'central',
    'ASDP Indonesia Ferry / Pelindo / Kementerian Perhubungan',
    'layanan pelanggan ASDP (aplikasi Ferizy) atau kantor Pelabuhan Merak',
  ),
  outside('PERTAMINA', 'central', 'PT Pertamina (Persero)', 'Pertamina Call Center 135'),
  outside('KAI', 'central', 'PT Kereta Api Indonesia (KAI)', 'Contact Center KAI 121 atau aplikasi Access by KAI'),
  outside(
    'IMIGRASI',
    'central',
    'Direktorat Jenderal Imigrasi (Kantor Imigrasi)',
    'Kantor Imigrasi Cilegon atau aplikasi M-Paspor',
  ),
  outside(
    'TELEKOMUNIKASI',
    'central',
    'Penyedia layanan telekomunikasi (Telkom/operator seluler/ISP)',
    'layanan pelanggan operator Anda (mis. Telkom 147) atau Kementerian Komdigi',
  ),
  outside('DARURAT', 'emergency', 'Layanan darurat 112', 'segera hubungi 112 (gratis, 24 jam)'),
  {
    code: 'BUKAN_ADUAN',
    jurisdiction: 'not_complaint',
    name: 'Bukan aduan',
    whereToReport: null,
  },
];

const BY_CODE = new Map(LABELS.map((label) => [label.code, label]));

/** Metadata for a label; labels not in the table (added by a deployment) are city agencies. */
export function labelInfo(code: string): LabelInfo {
  return BY_CODE.get(code) ?? city(code, code);
}

/** Human-readable authority for the Classification contract: null for city agencies and non-complaints. */
export function authorityOf(code: string): string | null {
  const info = labelInfo(code);
  return info.jurisdiction === 'city' || info.jurisdiction === 'not_complaint' ? null : info.name;
}
