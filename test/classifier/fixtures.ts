// Small inline corpus and helpers shared by the classifier tests (the real corpus is only used by the
// quality gate, so unit tests stay fast and independent of data files still being written).

import type { LabelledExample } from '../../src/classifier/runtime/corpus.js';
import { loadRules, loadSlang } from '../../src/classifier/runtime/corpus.js';
import { type TrainOptions, trainModel } from '../../src/classifier/training/train.js';

export const TINY_CORPUS: LabelledExample[] = [
  { text: 'jalan rusak berlubang parah di depan pasar', label: 'DPUTR' },
  { text: 'jln berlubang, aspal mengelupas, tolong diperbaiki', label: 'DPUTR' },
  { text: 'drainase mampet jalan lingkungan tergenang', label: 'DPUTR' },
  { text: 'jembatan kecil retak dan jalan amblas', label: 'DPUTR' },
  { text: 'jalan nasional berlubang dekat gerbang tol', label: 'JALAN_NASIONAL' },
  { text: 'jalan raya merak rusak, truk besar lewat terus', label: 'JALAN_NASIONAL' },
  { text: 'aspal jalan nasional cilegon serang bergelombang', label: 'JALAN_NASIONAL' },
  { text: 'lubang di jalan raya merak belum ditambal bpjn', label: 'JALAN_NASIONAL' },
  { text: 'guru sd sering tidak masuk kelas', label: 'DINDIKBUD' },
  { text: 'pungutan seragam di smp negeri mahal', label: 'DINDIKBUD' },
  { text: 'ppdb zonasi sd tidak transparan', label: 'DINDIKBUD' },
  { text: 'atap ruang kelas sd bocor, murid belajar kehujanan', label: 'DINDIKBUD' },
  { text: 'pungutan di sma negeri untuk study tour', label: 'PROVINSI' },
  { text: 'guru smk sering tidak masuk kelas', label: 'PROVINSI' },
  { text: 'samsat pajak kendaraan antre lama', label: 'PROVINSI' },
  { text: 'slb kekurangan guru pendamping', label: 'PROVINSI' },
  { text: 'kebakaran rumah warga, api besar, tolong cepat', label: 'DARURAT' },
  { text: 'ada orang pingsan di jalan tidak sadarkan diri', label: 'DARURAT' },
  { text: 'kecelakaan motor korban berdarah butuh ambulans segera', label: 'DARURAT' },
  { text: 'perampokan sedang terjadi di minimarket', label: 'DARURAT' },
  { text: 'terima kasih admin pelayanannya bagus', label: 'BUKAN_ADUAN' },
  { text: 'selamat pagi, semangat pak wali', label: 'BUKAN_ADUAN' },
  { text: 'jual pulsa murah hubungi kami', label: 'BUKAN_ADUAN' },
  { text: 'mantap, kota cilegon makin keren', label: 'BUKAN_ADUAN' },
];

/** Training options with the real slang and rules data and a small, fast calibration. */
export function tinyTrainOptions(overrides: Partial<TrainOptions> = {}): TrainOptions {
  const slang = loadSlang();
  return {
    slang: slang.entries,
    concepts: slang.concepts,
    rules: loadRules().config,
    calibrationFolds: 2,
    now: () => new Date('2026-11-28T12:00:00Z'),
    ...overrides,
  };
}

/** A model trained on TINY_CORPUS (about 100 ms). */
export function trainTinyModel(overrides: Partial<TrainOptions> = {}) {
  return trainModel(TINY_CORPUS, tinyTrainOptions(overrides));
}
