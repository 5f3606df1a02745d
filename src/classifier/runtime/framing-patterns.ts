/**
 * Word patterns of the courtesy and letter stage (framing.ts), over standard tokens (after slang: "pak" is
 * already "bapak", "min" is "admin", "tlg" is "tolong"). Syntax: slots separated by spaces, alternatives by
 * "|", a trailing "?" makes a slot optional; the longest match wins. Written from how Indonesian letters
 * and chats are framed, not from evaluation texts.
 */

const TITLE =
  '(walikota|wali|wakil|bupati|gubernur|camat|lurah|sekda|kadis|kepala|kades|presiden|menteri|kapolres|kapolsek|dewan|direktur|dirut|pimpinan|pejabat|kabid|kasi|sekdis|dprd)';
const OPTIONAL_TITLE_TAIL = '(kota|dinas|daerah|walikota|bupati|camat|lurah)?';
const ALLAH = '(warahmatullahi|warahmatullah|warohmatullahi|wr)? (wabarakatuh|wabarokatuh|wb)?';
const THANKS_TAIL =
  '(you)? (banyak)? (sebelumnya|atas)? (perhatian|perhatiannya|bantuan|bantuannya|kerjasamanya|kerjasama|respon|responnya|tanggapan|tanggapannya|waktunya|infonya)? (bapak|ibu|admin)? (dan|serta)? (bapak|ibu|admin)?';
const REQUEST_OBJECT =
  '(bantuan|bantuannya|dibantu|bantu|perhatian|perhatiannya|ditindaklanjuti|tindaklanjuti|tindak|segera|agar|kiranya|dicek|ditinjau|diperhatikan|solusi|solusinya|arahan|informasinya|pencerahan|penjelasan|responnya|respon|tanggapan|tanggapannya|kebijaksanaannya|petunjuk|bapak|ibu|admin)?';

const FOLLOW_UP = '(ditindaklanjuti|dibantu|diproses|ditanggapi|direspon|dicek|ditinjau|diperhatikan)?';

/** Framing patterns per kind. */
export const FRAMING_PATTERNS = {
  greeting: [
    `(assalamualaikum|asalamualaikum|assalammualaikum|assalamu|asalamu|askum|salamualaikum|samlekom|ass) (alaikum|alaikom)? ${ALLAH}`,
    `(waalaikumsalam|walaikumsalam|waalaikumussalam) ${ALLAH}`,
    `wa (alaikumsalam|alaikum) (salam)? ${ALLAH}`,
    'selamat (pagi|siang|sore|malam|petang) (bapak|ibu|admin|semua|kak)?',
    '(halo|hallo|helo|hello|hai|hi|hey|hei|hay) (admin|kak|kakak|gan|semua|sob|bapak|ibu)?',
    '(punten|permisi|sampurasun|kulonuwun|kulanuwun|rampes)',
    'salam (sejahtera|sehat|kenal|sore|pagi|satu|damai) (untuk|bagi)? (kita)? (semua)?',
    'om swastiastu',
    '(shalom|syalom)',
    'namo buddhaya',
    'sugeng (enjing|siang|sonten|dalu|rawuh)',
    'wilujeng (enjing|siang|sonten|wengi|sumping)',
    'good (morning|afternoon|evening)',
  ],
  thanks: [
    `terima kasih ${THANKS_TAIL}`,
    `(terimakasih|makasih|makasi|trimakasih|thanks|thank|thx|tq|trims|tks|nuhun|suwun|maturnuwun|mksh) ${THANKS_TAIL}`,
    `hatur nuhun ${THANKS_TAIL}`,
    `matur (nuwun|suwun) ${THANKS_TAIL}`,
    'atas (perhatian|perhatiannya|bantuan|bantuannya|kerjasamanya|tanggapannya|responnya|kebijaksanaannya) (bapak|ibu|admin)? (dan|serta)? (bapak|ibu)? (saya|kami)? (ucapkan)? (terima)? (kasih)?',
    `(wassalamualaikum|wassalam|wasalam|wassalamu) (alaikum)? ${ALLAH}`,
    'hormat (saya|kami)',
    'salam hormat',
    'demikian (surat|laporan|pengaduan|aduan|keluhan|informasi|yang|hal|pesan)? (ini|dapat)? (saya|kami)? (sampaikan)?',
    '(jazakallah|jazakumullah|barakallah) (khairan)?',
  ],
  honorific: [
    `yth (terhormat)? (bapak|ibu)? (dan)? (bapak|ibu)? ${TITLE}? ${OPTIONAL_TITLE_TAIL}`,
    `yang terhormat (bapak|ibu)? (dan)? (bapak|ibu)? ${TITLE}? ${OPTIONAL_TITLE_TAIL}`,
    `kepada (yth)? (bapak|ibu) (dan)? (bapak|ibu)? ${TITLE} ${OPTIONAL_TITLE_TAIL}`,
    `(bapak|ibu) (dan)? (bapak|ibu)? ${TITLE} ${OPTIONAL_TITLE_TAIL}`,
    '(admin|mimin|kak|kakak|gan|agan|sob)',
  ],
  request: [
    `mohon (maaf)? (sebelumnya)? (izin)? ${REQUEST_OBJECT} (lanjut|lanjutnya)? (segera)? ${FOLLOW_UP}`,
    '(minta|meminta) (tolong|bantuan|bantuannya|perhatian|perhatiannya|solusi|solusinya|tanggapan|kejelasan|kebijaksanaan)',
    `tolong (dong|ya|lah|banget|sekali)? (segera|cepat|secepatnya)? (dibantu|bantu|ditindaklanjuti|ditindak|diperhatikan|dicek|ditinjau|direspon|diproses)? ${REQUEST_OBJECT}`,
    '(izin|permisi) (admin|bapak|ibu|kak)? (mau|ingin|akan)? (bertanya|tanya|nanya|melapor|lapor|melaporkan|menyampaikan|mengadu|sampaikan|share|berbagi|info|numpang)',
    '(izin) (admin|bapak|ibu|kak)',
    '(numpang|mau|ingin) (tanya|nanya|bertanya|menanyakan)',
    'segera (ditindaklanjuti|direspon|ditanggapi|diproses)',
  ],
  letter: [
    'dengan hormat',
    'dengan ini (saya|kami)?',
    'perkenalkan (nama)? (saya)?',
    '(saya|kami) (ingin|mau|hendak|akan|bermaksud)? (melaporkan|menyampaikan|mengadukan|melapor)',
    '(saya|kami) (selaku|sebagai) (warga|masyarakat)',
    'perihal',
    'bersama (ini|surat) (surat|ini)?',
    'melalui (surat|pesan|media|kanal|aplikasi|layanan) (ini)?',
    '(foto|gambar|video|dokumentasi) (terlampir|dilampirkan|berikut|di) (bawah|atas)?',
    '(ini|berikut|terlampir|lampiran|cek) (foto|fotonya|gambar|gambarnya|video|videonya|dokumentasi|dokumentasinya|buktinya|bukti)',
    '(seperti|sesuai) (di|pada|dalam)? (foto|gambar|video)',
  ],
} as const;

/** Words after which an institution is a place ("depan SMAN 2"), not the subject. */
export const LANDMARK_TRIGGERS: ReadonlySet<string> = new Set([
  'depan',
  'dekat',
  'samping',
  'sebelah',
  'seberang',
  'sebrang',
  'belakang',
  'sekitar',
  'arah',
  'menuju',
  'pinggir',
  'jalan',
  'gang',
  'komplek',
  'kompleks',
  'perempatan',
  'pertigaan',
]);

/** Institutions that are often landmarks. */
export const LANDMARK_WORDS: ReadonlySet<string> = new Set(
  (
    'sekolah sd sdn smp smpn sma sman smk smkn slb mts mtsn madrasah pesantren ponpes kampus universitas ' +
    'rumah rsud rsia rsu puskesmas pustu klinik masjid mesjid musala mushola musholla gereja pasar kantor ' +
    'polsek polres koramil kodim kelurahan kecamatan balai stasiun terminal bank atm alfamart indomaret mall ' +
    'hotel pabrik spbu pom dealer'
  ).split(' '),
);

/** Words that continue an institution's name ("SMA Negeri 2", "RS Krakatau Medika"). */
export const LANDMARK_FILLERS: ReadonlySet<string> = new Set(
  (
    'negeri n swasta islam terpadu it kota cilegon umum daerah bersalin ibu dan anak i ii iii iv v vi vii viii ' +
    'ix x krakatau medika baru lama raya agung besar kecil polisi desa bensin pos induk'
  ).split(' '),
);
