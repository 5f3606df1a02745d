// Short complaints as citizens type them (typos, abbreviations), for the benches that feed intake in process
// or over HTTP: one list, so the benches classify the same texts and their figures stay comparable.
export const COMPLAINT_TEXTS = [
  'Jalan berlubang di depan SDN 3 Jombang sudah dua bulan',
  'lampu jalan mati di jl ahmad yani udh seminggu',
  'sampah numpuk di TPS Kebondalem gak diangkut 3 hari',
  'air pdam mati dari subuh di perum bumi waringin',
  'Mohon bantuan, KTP-el saya belum jadi sejak tiga bulan',
];
