// Scores how likely two complaints are one case (the same pothole reported twice), with the reasons an admin
// reads. Suggestions only: nothing here merges. Pure; weights and threshold measured by bench/duplicates.ts.
import { bothNamePlaces, haversineMetres, type Place, placesInText, sharedPlace } from './duplicate-places.js';
import { analyse, cosine, type Idf, type TermConfig, type TermVector, vectorize } from './duplicate-text.js';

/** What the scorer needs of a complaint. */
export interface DuplicateInput {
  text: string;
  latitude?: number | null;
  longitude?: number | null;
  createdAt: Date;
  /** The assigned agency, else the classifier's suggestion. */
  agency?: string | null;
}

/** A complaint prepared once for many comparisons. */
export interface Prepared {
  input: DuplicateInput;
  vector: TermVector;
  places: Place[];
  /** Kinds of problem named (concept groups): disjoint kinds mean different problems at the same place. */
  concepts: Set<string>;
}

/** Tunable parts of the score (defaults measured on data/duplicates/pairs.jsonl). */
export interface DuplicateSettings {
  /** Complaints further apart in time are not candidates. */
  windowDays: number;
  /** Within this distance two shared locations count as the same spot. */
  nearMetres: number;
  /** Beyond this distance they are different places. */
  farMetres: number;
  /** Suggested from this score on. */
  threshold: number;
}

/** The defaults (see docs/duplicates.md for how the threshold was chosen). */
export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = {
  windowDays: 14,
  nearMetres: 150,
  farMetres: 800,
  threshold: 0.45,
};

/** A score in 0..1 and the reasons behind it, in Indonesian. */
export interface DuplicateScore {
  score: number;
  reasons: string[];
}

/** Prepares a complaint's text and places for comparison. */
export function prepare(input: DuplicateInput, config: TermConfig, idf: Idf): Prepared {
  const { terms, concepts } = analyse(input.text, config);
  return { input, vector: vectorize(terms, idf), places: placesInText(input.text), concepts };
}

const decimal = (n: number) => n.toFixed(2).replace('.', ',');
const DAY = 86_400_000;

/** "2 hari sebelumnya", "5 jam sesudahnya", "pada jam yang sama": when `other` came relative to `target`. */
export function timeReason(target: Date, other: Date): string {
  const diff = other.getTime() - target.getTime();
  const side = diff < 0 ? 'sebelumnya' : 'sesudahnya';
  const hours = Math.abs(diff) / 3_600_000;
  if (hours < 1) return 'pada jam yang sama';
  if (hours < 24) return `${Math.floor(hours)} jam ${side}`;
  return `${Math.floor(hours / 24)} hari ${side}`;
}

type Location = { score: number; mismatch: boolean; reason: string | null };

/** How well the two locations agree: 1 same spot, 0.5 unknown, 0 and a mismatch when clearly different. */
function locationAgreement(a: Prepared, b: Prepared, s: DuplicateSettings): Location {
  const { latitude: la, longitude: lo } = a.input;
  const { latitude: lb, longitude: ob } = b.input;
  if (la != null && lo != null && lb != null && ob != null) {
    const d = haversineMetres({ lat: la, lon: lo }, { lat: lb, lon: ob });
    const reason = d < 1000 ? `jarak ${Math.round(d)} m` : `jarak ${decimal(d / 1000)} km`;
    if (d <= s.nearMetres) return { score: 1, mismatch: false, reason };
    if (d >= s.farMetres) return { score: 0, mismatch: true, reason };
    return { score: 1 - (d - s.nearMetres) / (s.farMetres - s.nearMetres), mismatch: false, reason };
  }
  const shared = sharedPlace(a.places, b.places);
  if (shared) return { score: 1, mismatch: false, reason: `lokasi sama: ${shared}` };
  if (bothNamePlaces(a.places, b.places)) return { score: 0, mismatch: true, reason: 'lokasi berbeda' };
  return { score: 0.5, mismatch: false, reason: null };
}

const PROBLEM_FACTOR = 0.75;

function differentProblems(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const c of a) if (b.has(c)) return false;
  return true;
}

/** Scores `other` as a duplicate of `target`. */
export function scorePair(target: Prepared, other: Prepared, s = DEFAULT_DUPLICATE_SETTINGS): DuplicateScore {
  const text = cosine(target.vector, other.vector);
  const where = locationAgreement(target, other, s);
  const days = Math.abs(other.input.createdAt.getTime() - target.input.createdAt.getTime()) / DAY;
  const time = Math.max(0, 1 - days / s.windowDays);
  const agencyA = target.input.agency;
  const sameAgency = !!agencyA && agencyA === other.input.agency;
  let score = 0.6 * text.similarity + 0.15 * where.score + 0.15 * time + (sameAgency ? 0.1 : 0);
  // A clearly different place outweighs similar words: "jalan berlubang" is written about many streets.
  if (where.mismatch) score *= 0.5;
  // Both name a kind of problem and no kind is shared: a pothole and a street vendor on one street.
  const otherProblem = differentProblems(target.concepts, other.concepts);
  if (otherProblem) score *= PROBLEM_FACTOR;
  const reasons = [`teks mirip ${decimal(text.similarity)}`];
  if (text.shared.length) reasons.push(`kata sama: ${text.shared.join(', ')}`);
  if (where.reason) reasons.push(where.reason);
  reasons.push(timeReason(target.input.createdAt, other.input.createdAt));
  if (sameAgency) reasons.push(`instansi sama: ${agencyA}`);
  if (otherProblem) reasons.push('jenis masalah berbeda');
  return { score: Math.round(Math.min(1, score) * 1000) / 1000, reasons };
}
