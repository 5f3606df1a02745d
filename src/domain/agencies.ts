// The default OPD catalogue for Kota Cilegon (shared/docs/domain.md). Seeded on first start; admins can
// edit names or deactivate agencies later, and a deployment for another city replaces this list.

/** One regional agency as seeded. */
export interface AgencySeed {
  code: string;
  name: string;
  shortName: string;
  description: string;
}

/** Seed list; codes are also the classifier's labels for city agencies. */
export const DEFAULT_AGENCIES: readonly AgencySeed[] = [
  {
    code: 'DPUTR',
    shortName: 'DPUTR',
    name: 'Dinas Pekerjaan Umum dan Tata Ruang',
    description: 'Jalan kota, jembatan, drainase, infrastruktur banjir, pekerjaan jalan.',
  },
  {
    code: 'DISPERKIM',
    shortName: 'Disperkim',
    name: 'Dinas Perumahan dan Kawasan Permukiman',
    description: 'Penerangan jalan umum (PJU), taman, pemakaman umum, perumahan.',
  },
  {
    code: 'DLH',
    shortName: 'DLH',
    name: 'Dinas Lingkungan Hidup',
    description: 'Pengangkutan sampah, TPS/TPA, pencemaran, asap dan bau pabrik, pohon.',
  },
  {
    code: 'DISHUB',
    shortName: 'Dishub',
    name: 'Dinas Perhubungan',
    description: 'Lampu lalu lintas, parkir, angkutan umum, rambu lalu lintas.',
  },
  {
    code: 'DINKES',
    shortName: 'Dinkes',
    name: 'Dinas Kesehatan',
    description: 'Puskesmas, layanan kesehatan, imunisasi, fogging DBD, sanitasi.',
  },
  { code: 'RSUD', shortName: 'RSUD', name: 'RSUD Kota Cilegon', description: 'Layanan rumah sakit umum daerah kota.' },
  {
    code: 'DINDIKBUD',
    shortName: 'Dindikbud',
    name: 'Dinas Pendidikan dan Kebudayaan',
    description: 'SD dan SMP, PPDB SD/SMP, guru, kebudayaan.',
  },
  {
    code: 'DISDUKCAPIL',
    shortName: 'Disdukcapil',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    description: 'KTP-el, KK, akta, data NIK, antrean dokumen.',
  },
  {
    code: 'DINSOS',
    shortName: 'Dinsos',
    name: 'Dinas Sosial',
    description: 'Bantuan sosial, data PKH/DTKS, gelandangan, ODGJ terlantar.',
  },
  {
    code: 'SATPOLPP',
    shortName: 'Satpol PP',
    name: 'Satuan Polisi Pamong Praja',
    description: 'PKL, bangunan liar, ketertiban umum, tempat hiburan malam.',
  },
  {
    code: 'BPBD',
    shortName: 'BPBD',
    name: 'Badan Penanggulangan Bencana Daerah',
    description: 'Bencana, evakuasi; Damkar untuk kebakaran dan penyelamatan hewan.',
  },
  {
    code: 'DISNAKER',
    shortName: 'Disnaker',
    name: 'Dinas Tenaga Kerja',
    description: 'Bursa kerja, perselisihan kerja, kuota tenaga kerja lokal.',
  },
  {
    code: 'DPMPTSP',
    shortName: 'DPMPTSP',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    description: 'Perizinan PBG/IMB dan izin usaha.',
  },
  { code: 'BAPENDA', shortName: 'Bapenda', name: 'Badan Pendapatan Daerah', description: 'PBB dan pajak daerah.' },
  {
    code: 'DISPERINDAG',
    shortName: 'Disperindag',
    name: 'Dinas Perindustrian dan Perdagangan',
    description: 'Pasar, harga bahan pokok, distribusi eceran LPG 3 kg.',
  },
  {
    code: 'DISKOMINFO',
    shortName: 'Diskominfo',
    name: 'Dinas Komunikasi dan Informatika',
    description: 'Situs dan aplikasi kota, Wi-Fi publik, layanan pengaduan.',
  },
  {
    code: 'DP3AP2KB',
    shortName: 'DP3AP2KB',
    name: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
    description: 'Perlindungan perempuan dan anak, keluarga berencana.',
  },
  {
    code: 'PDAM',
    shortName: 'PDAM',
    name: 'Perumda Air Minum Cilegon Mandiri',
    description: 'Air bersih perpipaan, kebocoran, tagihan air.',
  },
  {
    code: 'KECAMATAN',
    shortName: 'Kecamatan/Kelurahan',
    name: 'Kecamatan dan Kelurahan',
    description: 'Administrasi wilayah, surat pengantar, urusan RT/RW.',
  },
  {
    code: 'BKPSDM',
    shortName: 'BKPSDM',
    name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    description: 'Honorer dan non-ASN, PPPK, CPNS, gaji, TPP dan tunjangan pegawai serta guru, pensiun.',
  },
  {
    code: 'DISPORAPAR',
    shortName: 'Disporapar',
    name: 'Dinas Pemuda, Olahraga dan Pariwisata',
    description: 'Karang taruna, stadion dan GOR, atlet dan turnamen, objek wisata dan festival.',
  },
  {
    code: 'DISPUSIP',
    shortName: 'Dispusip',
    name: 'Dinas Perpustakaan dan Kearsipan',
    description: 'Perpustakaan daerah dan keliling, taman baca, arsip daerah dan salinan arsip.',
  },
  {
    code: 'DKPP',
    shortName: 'DKPP',
    name: 'Dinas Ketahanan Pangan dan Pertanian',
    description: 'Pupuk dan kartu tani, irigasi sawah, penyuluh, ternak dan kesehatan hewan, stok pangan.',
  },
  {
    code: 'SETDA_KESRA',
    shortName: 'Bagian Kesra',
    name: 'Bagian Kesejahteraan Rakyat Sekretariat Daerah',
    description: 'Hibah keagamaan dan rumah ibadah, insentif guru ngaji dan marbot, pesantren, MTQ.',
  },
  {
    code: 'SETDA_HUKUM',
    shortName: 'Bagian Hukum',
    name: 'Bagian Hukum Sekretariat Daerah',
    description: 'Perda dan Perwal, JDIH, salinan produk hukum, bantuan hukum bagi warga kurang mampu.',
  },
  {
    code: 'UNIT_LAIN',
    shortName: 'Perangkat daerah lain',
    name: 'Perangkat daerah lain',
    description: 'Urusan perangkat daerah yang tidak tercantum di atas; admin memilih tujuan yang tepat.',
  },
];
