// Where a complaint is, for duplicate suggestions: the distance between shared locations (haversine), or,
// without coordinates, the street, alley and kelurahan names written in the text, matched loosely because
// citizens spell them many ways ("jl. ciwaduk", "jln ciwaduk raya", "Ciwaduk"). Pure.

/** The 43 kelurahan of Kota Cilegon (8 kecamatan), written without spaces for loose matching. */
// biome-ignore format: a list reads better in rows
export const CILEGON_KELURAHAN = [
  'bulakan', 'cibeber', 'cikerai', 'kalitimbang', 'karangasem', 'kedaleman',
  'bagendung', 'bendungan', 'ciwaduk', 'ciwedus', 'ketileng',
  'citangkil', 'deringo', 'kebonsari', 'lebakdenok', 'samangraya', 'tamansari', 'warnasari',
  'banjarnegara', 'gunungsugih', 'kepuh', 'kubangsari', 'randakari', 'tegalratu',
  'gerem', 'grogol', 'kotasari', 'rawaarum',
  'gedongdalem', 'jombangwetan', 'masigit', 'panggungrawi', 'sukmajaya',
  'lebakgede', 'mekarsari', 'suralaya',
  'kebondalem', 'kotabumi', 'pabean', 'purwakarta', 'ramanuju', 'tegalbunder',
];
const KELURAHAN = new Set(CILEGON_KELURAHAN);

/** Great-circle distance in metres. */
export function haversineMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Words after "jalan" that describe the road, not name it ("jalan rusak", "jalan raya" is kept: "raya" + name).
// biome-ignore format: a list reads better in rows
const NOT_A_NAME = new Set([
  'rusak', 'berlubang', 'lubang', 'ini', 'itu', 'yang', 'yg', 'di', 'ke', 'dekat', 'depan', 'sudah', 'udah', 'udh',
  'banjir', 'gelap', 'licin', 'macet', 'ambles', 'amblas', 'retak', 'parah', 'utama', 'kampung', 'desa', 'sini',
  'menuju', 'arah', 'dari', 'sampai', 'sepanjang', 'tersebut', 'raya', 'kecil', 'besar', 'masuk', 'umum', 'gang',
  'sana', 'tidak', 'gak', 'ga', 'nggak', 'kami', 'kita', 'lingkungan', 'perumahan', 'komplek', 'kompleks', 'dan',
]);
const STREET =
  /\b(?:jalan|jln?|jl|gang|gg|komplek|kompleks|perum|perumahan|lingk|lingkungan|link|pasar|masjid)\.?\s+((?:[a-z0-9'-]+\s*){1,3})/g;
const LANDMARK =
  /\b(?:depan|dekat|deket|samping|belakang|seberang|sebrang|sebelah|pertigaan|perempatan|simpang)\s+((?:[a-z0-9'-]+\s*){1,3})/g;
// Words that end a place name: prepositions, directions, verbs and adjectives citizens put after it.
// biome-ignore format: a list reads better in rows
const STOP_AFTER = new Set([
  'ada', 'sudah', 'udah', 'udh', 'yang', 'yg', 'itu', 'ini', 'sejak', 'dari', 'mohon', 'tolong', 'tlg', 'pak', 'bu',
  'min', 'di', 'ke', 'dan', 'rt', 'rw', 'depan', 'dekat', 'deket', 'dkt', 'arah', 'samping', 'belakang', 'seberang',
  'sebelah', 'menuju', 'ujung', 'tepat', 'tepatnya', 'cilegon', 'kota', 'banyak', 'blm', 'belum', 'bolong', 'rusak',
  'berlubang', 'lubang', 'lobang', 'banjir', 'mati', 'gelap', 'penuh', 'tergenang', 'ketutup', 'tertutup', 'lagi',
  'makin', 'tiap', 'setiap', 'sekitar', 'wilayah', 'kelurahan', 'kecamatan', 'jalan', 'jl', 'jln', 'gang', 'gg',
  'bikin', 'parkirnya', 'tadi', 'kalo', 'kalau', 'pas', 'saat', 'waktu', 'ga', 'gak', 'tidak', 'nggak', 'ya',
]);

/** Words of a captured name up to the first word that ends it ("ciwaduk raya yang rusak" -> "ciwaduk raya"). */
function nameOf(capture: string, skipLeading: ReadonlySet<string>): string | null {
  const words: string[] = [];
  for (const w of capture.trim().split(/\s+/)) {
    if (words.length === 0 && skipLeading.has(w)) {
      if (w === 'raya') continue;
      return null;
    }
    if (STOP_AFTER.has(w)) break;
    words.push(w);
    if (words.length === 2) break;
  }
  const name = words.join('').replace(/[^a-z0-9]/g, '');
  return name.length >= 3 ? name : null;
}

/** A place named in a text; `strong` for streets and kelurahan (a different one means a different place). */
export interface Place {
  name: string;
  strong: boolean;
}

/** Place names mentioned in a text: kelurahan, streets and alleys (strong), landmarks ("depan sdn 3"). */
export function placesInText(text: string): Place[] {
  const lower = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9'\s.-]/g, ' ');
  const found = new Map<string, boolean>();
  const add = (name: string | null, strong: boolean) => {
    if (name) found.set(name, (found.get(name) ?? false) || strong);
  };
  for (const m of lower.matchAll(STREET)) add(nameOf(m[1] ?? '', NOT_A_NAME), true);
  for (const m of lower.matchAll(LANDMARK)) add(nameOf(m[1] ?? '', STOP_AFTER), false);
  // Kelurahan as whole words, written with or without the space ("jombang wetan", "jombangwetan").
  const words = lower.split(/[^a-z]+/).filter(Boolean);
  words.forEach((w, i) => {
    if (KELURAHAN.has(w)) add(w, true);
    const pair = w + (words[i + 1] ?? '');
    if (KELURAHAN.has(pair)) add(pair, true);
  });
  return [...found].map(([name, strong]) => ({ name, strong }));
}

/** Levenshtein distance, bounded inputs (place names are short). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Whether two written place names are the same place: one contains the other, or a typo apart. */
export function samePlaceName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.includes(short)) return true;
  return editDistance(a, b) <= (long.length >= 8 ? 2 : 1);
}

/** The first place name both texts mention, or null. */
export function sharedPlace(a: readonly Place[], b: readonly Place[]): string | null {
  for (const x of a) {
    for (const y of b) if (samePlaceName(x.name, y.name)) return x.name.length <= y.name.length ? x.name : y.name;
  }
  return null;
}

/** Whether both texts name a street or kelurahan (so sharing none of their places means different places). */
export function bothNamePlaces(a: readonly Place[], b: readonly Place[]): boolean {
  return a.some((p) => p.strong) && b.some((p) => p.strong);
}
