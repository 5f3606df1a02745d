// The one catalogue of who handles what for the default deployment (Kota Cilegon, shared/docs/domain.md):
// the city's agencies (seeded into the database, where admins may rename or deactivate them), the outside
// authorities a complaint can be referred to, and where a reporter takes a complaint the city cannot handle.
// Seeding, the classifier's labels, referrals and the admin UI all read this list; a deployment for another
// city replaces it. Pure data: no imports, so the admin UI bundles it too.

/** Who is responsible for a complaint. */
export type Jurisdiction = 'city' | 'province' | 'central' | 'emergency' | 'not_complaint';

/** One agency or authority; its code is also the classifier's label. */
export interface CatalogueEntry {
  code: string;
  jurisdiction: Jurisdiction;
  /** Indonesian name (shown to officers and reporters). */
  name: string;
  /** Short Indonesian name for tight spaces. */
  shortName: string;
  /** What it handles, in Indonesian (seeded as the agency's description). */
  description: string;
  /** Where a reporter takes a complaint the city cannot handle; null for city agencies. */
  whereToReport: string | null;
  /** A classifier suggestion of this code always goes to a human (a catch-all such as "other city unit"). */
  alwaysReview?: boolean;
}

/** One city agency as seeded into the database. */
export interface AgencySeed {
  code: string;
  name: string;
  shortName: string;
  description: string;
}

function city(code: string, shortName: string, name: string, description: string): CatalogueEntry {
  return { code, jurisdiction: 'city', name, shortName, description, whereToReport: null };
}

function outside(
  code: string,
  jurisdiction: Jurisdiction,
  name: string,
  whereToReport: string,
  shortName: string = code,
): CatalogueEntry {
  return { code, jurisdiction, name, shortName, description: name, whereToReport };
}

const CITY: readonly CatalogueEntry[] = [
  city(
    'DPUTR',
    'DPUTR',
    'Dinas Pekerjaan Umum dan Tata Ruang',
    'Jalan kota, jembatan, drainase, infrastruktur banjir, pekerjaan jalan.',
  ),
  city(
    'DISPERKIM',
    'Disperkim',
    'Dinas Perumahan dan Kawasan Permukiman',
    'Penerangan jalan umum (PJU), taman, pemakaman umum, perumahan.',
  ),
  city('DLH', 'DLH', 'Dinas Lingkungan Hidup', 'Pengangkutan sampah, TPS/TPA, pencemaran, asap dan bau pabrik, pohon.'),
  city('DISHUB', 'Dishub', 'Dinas Perhubungan', 'Lampu lalu lintas, parkir, angkutan umum, rambu lalu lintas.'),
  city('DINKES', 'Dinkes', 'Dinas Kesehatan', 'Puskesmas, layanan kesehatan, imunisasi, fogging DBD, sanitasi.'),
  city('RSUD', 'RSUD', 'RSUD Kota Cilegon', 'Layanan rumah sakit umum daerah kota.'),
  city('DINDIKBUD', 'Dindikbud', 'Dinas Pendidikan dan Kebudayaan', 'SD dan SMP, PPDB SD/SMP, guru, kebudayaan.'),
  city(
    'DISDUKCAPIL',
    'Disdukcapil',
    'Dinas Kependudukan dan Pencatatan Sipil',
    'KTP-el, KK, akta, data NIK, antrean dokumen.',
  ),
  city('DINSOS', 'Dinsos', 'Dinas Sosial', 'Bantuan sosial, data PKH/DTKS, gelandangan, ODGJ terlantar.'),
  city(
    'SATPOLPP',
    'Satpol PP',
    'Satuan Polisi Pamong Praja',
    'PKL, bangunan liar, ketertiban umum, tempat hiburan malam.',
  ),
  city(
    'BPBD',
    'BPBD',
    'Badan Penanggulangan Bencana Daerah',
    'Bencana, evakuasi; Damkar untuk kebakaran dan penyelamatan hewan.',
  ),
  city('DISNAKER', 'Disnaker', 'Dinas Tenaga Kerja', 'Bursa kerja, perselisihan kerja, kuota tenaga kerja lokal.'),
  city(
    'DPMPTSP',
    'DPMPTSP',
    'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    'Perizinan PBG/IMB dan izin usaha.',
  ),
  city('BAPENDA', 'Bapenda', 'Badan Pendapatan Daerah', 'PBB dan pajak daerah.'),
  city(
    'DISPERINDAG',
    'Disperindag',
    'Dinas Perindustrian dan Perdagangan',
    'Pasar, harga bahan pokok, distribusi eceran LPG 3 kg.',
  ),
  city(
    'DISKOMINFO',
    'Diskominfo',
    'Dinas Komunikasi dan Informatika',
    'Situs dan aplikasi kota, Wi-Fi publik, layanan pengaduan.',
  ),
  city(
    'DP3AP2KB',
    'DP3AP2KB',
    'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
    'Perlindungan perempuan dan anak, keluarga berencana.',
  ),
  city('PDAM', 'PDAM', 'Perumda Air Minum Cilegon Mandiri', 'Air bersih perpipaan, kebocoran, tagihan air.'),
  city(
    'KECAMATAN',
    'Kecamatan/Kelurahan',
    'Kecamatan dan Kelurahan',
    'Administrasi wilayah, surat pengantar, urusan RT/RW.',
  ),
  city(
    'BKPSDM',
    'BKPSDM',
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    'Honorer dan non-ASN, PPPK, CPNS, gaji, TPP dan tunjangan pegawai serta guru, pensiun.',
  ),
  city(
    'DISPORAPAR',
    'Disporapar',
    'Dinas Pemuda, Olahraga dan Pariwisata',
    'Karang taruna, stadion dan GOR, atlet dan turnamen, objek wisata dan festival.',
  ),
  city(
    'DISPUSIP',
    'Dispusip',
    'Dinas Perpustakaan dan Kearsipan',
    'Perpustakaan daerah dan keliling, taman baca, arsip daerah dan salinan arsip.',
  ),
  city(
    'DKPP',
    'DKPP',
    'Dinas Ketahanan Pangan dan Pertanian',
    'Pupuk dan kartu tani, irigasi sawah, penyuluh, ternak dan kesehatan hewan, stok pangan.',
  ),
  city(
    'SETDA_KESRA',
    'Bagian Kesra',
    'Bagian Kesejahteraan Rakyat Sekretariat Daerah',
    'Hibah keagamaan dan rumah ibadah, insentif guru ngaji dan marbot, pesantren, MTQ.',
  ),
  city(
    'SETDA_HUKUM',
    'Bagian Hukum',
    'Bagian Hukum Sekretariat Daerah',
    'Perda dan Perwal, JDIH, salinan produk hukum, bantuan hukum bagi warga kurang mampu.',
  ),
  {
    ...city(
      'UNIT_LAIN',
      'Perangkat daerah lain',
      'Perangkat daerah lain',
      'Urusan perangkat daerah yang tidak tercantum di atas; admin memilih tujuan yang tepat.',
    ),
    alwaysReview: true,
  },
];

const OUTSIDE: readonly CatalogueEntry[] = [
  outside(
    'PROVINSI',
    'province',
    'Pemerintah Provinsi Banten',
    'kanal SP4N-LAPOR (lapor.go.id) tujuan Pemprov Banten, atau dinas provinsi terkait (SMA/SMK/SLB: Dindikbud Provinsi Banten; pajak kendaraan: Samsat)',
    'Pemprov Banten',
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
    'Polri',
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
    'BPJN Banten',
  ),
  outside(
    'PELABUHAN',
    'central',
    'ASDP Indonesia Ferry / Pelindo / Kementerian Perhubungan',
    'layanan pelanggan ASDP (aplikasi Ferizy) atau kantor Pelabuhan Merak',
    'Pelabuhan',
  ),
  outside('PERTAMINA', 'central', 'PT Pertamina (Persero)', 'Pertamina Call Center 135', 'Pertamina'),
  outside('KAI', 'central', 'PT Kereta Api Indonesia (KAI)', 'Contact Center KAI 121 atau aplikasi Access by KAI'),
  outside(
    'IMIGRASI',
    'central',
    'Direktorat Jenderal Imigrasi (Kantor Imigrasi)',
    'Kantor Imigrasi Cilegon atau aplikasi M-Paspor',
    'Imigrasi',
  ),
  outside(
    'TELEKOMUNIKASI',
    'central',
    'Penyedia layanan telekomunikasi (Telkom/operator seluler/ISP)',
    'layanan pelanggan operator Anda (mis. Telkom 147) atau Kementerian Komdigi',
    'Telekomunikasi',
  ),
  outside('DARURAT', 'emergency', 'Layanan darurat 112', 'segera hubungi 112 (gratis, 24 jam)', '112'),
];

const NOT_COMPLAINT: CatalogueEntry = {
  code: 'BUKAN_ADUAN',
  jurisdiction: 'not_complaint',
  name: 'Bukan aduan',
  shortName: 'Bukan aduan',
  description: 'Pesan yang bukan aduan (sapaan, berita, promosi, pertanyaan umum).',
  whereToReport: null,
};

/** Every code of the default deployment: city agencies, outside authorities, then "not a complaint". */
export const CATALOGUE: readonly CatalogueEntry[] = [...CITY, ...OUTSIDE, NOT_COMPLAINT];

/** The city agencies seeded on first start (admins' later edits in the database win). */
export const CITY_AGENCIES: readonly AgencySeed[] = CITY.map(({ code, name, shortName, description }) => ({
  code,
  name,
  shortName,
  description,
}));

/** Outside authorities a complaint can be referred to ("bukan wewenang"): province, central bodies, 112. */
export const OUTSIDE_AUTHORITIES: readonly CatalogueEntry[] = OUTSIDE;

const BY_CODE = new Map(CATALOGUE.map((entry) => [entry.code, entry]));

/** The entry of a code; a code not in the catalogue (an agency a deployment added) is a city agency. */
export function catalogueEntry(code: string): CatalogueEntry {
  return BY_CODE.get(code) ?? city(code, code, code, '');
}

/** True when the code is handled outside the city (province, central government or 112). */
export function isOutsideAuthority(code: string): boolean {
  const { jurisdiction } = catalogueEntry(code);
  return jurisdiction !== 'city' && jurisdiction !== 'not_complaint';
}

/** The authority's name for an outside code; null for city agencies and "not a complaint". */
export function outsideAuthorityName(code: string): string | null {
  return isOutsideAuthority(code) ? catalogueEntry(code).name : null;
}
