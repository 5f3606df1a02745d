/**
 * Style augmentation: wraps training texts the way citizens actually write (a letter to the mayor, a
 * WhatsApp chat, a tweet with mentions and hashtags), so the model learns that the framing is not the
 * topic. Every variant carries its source's group, so cross-validation keeps it in the source's fold
 * (otherwise calibration would learn from leaked copies). Deterministic for a given seed.
 */
import type { LabelledExample } from '../runtime/corpus.js';
import { createRng } from './rng.js';

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const maybe = (rng: () => number, p: number, text: string): string => (rng() < p ? text : '');

const GREETINGS = [
  'Assalamualaikum wr. wb.',
  "Assalamu'alaikum warahmatullahi wabarakatuh,",
  'Selamat pagi,',
  'Selamat siang Bapak/Ibu,',
  'Selamat malam admin,',
  'Punten,',
  'Permisi,',
  'Salam sejahtera,',
];
const ADDRESSES = [
  'Yth. Bapak Walikota Cilegon,',
  'Kepada Yth. Ibu Walikota,',
  'Yth Bapak Wakil Walikota,',
  'Bapak Kadis yang terhormat,',
  'Ibu Camat yang saya hormati,',
  'Kepada Bapak/Ibu pejabat terkait,',
  'Yth. Admin Pemkot,',
];
const INTROS = [
  'Saya warga Kelurahan Jombang ingin menyampaikan keluhan.',
  'Perkenalkan, saya warga Citangkil, izin melaporkan.',
  'Dengan hormat, melalui pesan ini saya ingin menyampaikan aduan.',
  'Mohon maaf mengganggu waktunya, saya mau melapor.',
  'Izin bertanya sekaligus melapor, Pak.',
  'Saya selaku warga ingin menyampaikan hal berikut.',
];
const REQUESTS = [
  'Mohon dibantu.',
  'Mohon segera ditindaklanjuti.',
  'Tolong segera dibantu ya Bu.',
  'Mohon perhatiannya Bapak.',
  'Mohon arahan dan solusinya.',
  'Kami mohon kebijaksanaannya.',
  'Foto terlampir.',
];
const THANKS = [
  'Terima kasih.',
  'Atas perhatiannya saya ucapkan terima kasih.',
  'Terima kasih banyak sebelumnya.',
  'Hatur nuhun.',
  'Matur nuwun.',
  'Wassalamualaikum wr wb.',
  'Demikian yang dapat saya sampaikan, terima kasih.',
];
const MENTIONS = ['@pemkotcilegon', '@humas_cilegon', '@diskominfo_clg', '@walikotacilegon', '@lapor1708'];
const HASHTAGS = ['#cilegon', '#pemkotcilegon', '#laporwarga', '#pelayananpublik', '#warga', '#viral'];
const CHAT_OPENERS = ['min', 'min,', 'p', 'halo min', 'kak', 'pak', 'bu', 'admin'];
const CHAT_CLOSERS = ['tolong dong min', 'gmn ini min', 'mksh', 'ditunggu responnya', 'pliss', 'ini fotonya 👇', '🙏'];

/** A letter to an official around `text`. */
export function asLetter(text: string, rng: () => number, complaint: boolean): string {
  const parts = [
    maybe(rng, 0.7, pick(rng, GREETINGS)),
    maybe(rng, 0.6, pick(rng, ADDRESSES)),
    complaint ? maybe(rng, 0.6, pick(rng, INTROS)) : '',
    text,
    complaint ? maybe(rng, 0.7, pick(rng, REQUESTS)) : '',
    maybe(rng, 0.7, pick(rng, THANKS)),
  ];
  return parts.filter(Boolean).join(' ');
}

/** A short WhatsApp-style message around `text`: lower case, no full stops, an opener and a closer. */
export function asChat(text: string, rng: () => number): string {
  const body = text
    .toLowerCase()
    .replace(/[.!]+(\s|$)/g, ' ')
    .trim();
  return [maybe(rng, 0.6, pick(rng, CHAT_OPENERS)), body, maybe(rng, 0.6, pick(rng, CHAT_CLOSERS))]
    .filter(Boolean)
    .join(' ');
}

/** A tweet around `text`: one or two mentions in front, hashtags at the end. */
export function asTweet(text: string, rng: () => number): string {
  const mentions = [pick(rng, MENTIONS), maybe(rng, 0.4, pick(rng, MENTIONS))].filter(Boolean).join(' ');
  const tags = [pick(rng, HASHTAGS), maybe(rng, 0.5, pick(rng, HASHTAGS))].filter(Boolean).join(' ');
  return `${mentions} ${text} ${tags}`;
}

/** Augmentation settings: the share of examples that get each kind of variant. */
export interface AugmentOptions {
  letter: number;
  chat: number;
  tweet: number;
  seed: number;
  /** The not-a-complaint label: its variants get greetings and thanks but no complaint intro or request. */
  chatterLabel: string;
}

/** Default shares (variants of about 60% of the examples). */
export const DEFAULT_AUGMENT: Omit<AugmentOptions, 'seed' | 'chatterLabel'> = { letter: 0.3, chat: 0.15, tweet: 0.15 };

/**
 * Returns the examples with a group each (their index, unless already grouped) followed by their variants
 * (same label and group, style "aug-letter" / "aug-chat" / "aug-tweet"). Admin decisions are not augmented.
 */
export function augmentExamples(examples: readonly LabelledExample[], options: AugmentOptions): LabelledExample[] {
  const rng = createRng(options.seed);
  const grouped = examples.map((e, i) => ({ ...e, group: e.group ?? `g${i}` }));
  const variants: LabelledExample[] = [];
  for (const example of grouped) {
    if (example.style === 'admin' || example.text.trim().length < 8) continue;
    const complaint = example.label !== options.chatterLabel;
    const base = { label: example.label, group: example.group };
    const roll = rng();
    if (roll < options.letter) {
      variants.push({ ...base, text: asLetter(example.text, rng, complaint), style: 'aug-letter' });
    } else if (roll < options.letter + options.chat) {
      variants.push({ ...base, text: asChat(example.text, rng), style: 'aug-chat' });
    } else if (roll < options.letter + options.chat + options.tweet) {
      variants.push({ ...base, text: asTweet(example.text, rng), style: 'aug-tweet' });
    }
  }
  return [...grouped, ...variants];
}
