// `kanal-aduan calibrate`: re-fits confidence on admin decisions made after the model was trained.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { currentModelPath, loadModelFile, saveModel } from '../../src/classifier/runtime/store.js';
import { MIN_CALIBRATION_DECISIONS, runCalibrateCommand } from '../../src/classifier/training/calibrate.js';
import { TINY_CORPUS, trainTinyModel } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kanal-aduan-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = trainTinyModel();
saveModel(dir, model);
const after = new Date(Date.parse(model.createdAt) + 60_000);
const before = new Date(Date.parse(model.createdAt) - 60_000);
// Decisions in a different wording than the training lines: letters and chats about the same topics.
const wordings = [
  'Yth Bapak Walikota, {t}. Mohon dibantu, terima kasih',
  'min {t} gmn ini',
  '@pemkotcilegon {t} #cilegon',
];
const decisions = TINY_CORPUS.flatMap((e) =>
  wordings.map((w) => ({ text: w.replace('{t}', e.text), label: e.label, createdAt: after })),
);

describe('calibrate command', () => {
  it('refuses with a clear message when too few decisions are newer than the model', () => {
    const old = decisions.map((d) => ({ ...d, createdAt: before }));
    expect(() => runCalibrateCommand({ modelDir: dir, decisions: old, progress: new PassThrough() })).toThrow(
      new RegExp(`at least ${MIN_CALIBRATION_DECISIONS} admin decisions.*found 0`),
    );
    expect(currentModelPath(dir)).toContain(model.version);
  });

  it('writes a new model version with re-fitted confidence and the same weights', () => {
    const progress = new PassThrough();
    let printed = '';
    progress.on('data', (chunk) => {
      printed += String(chunk);
    });
    const unknown = { text: 'sesuatu', label: 'DINAS_TIDAK_ADA', createdAt: after };
    const summary = runCalibrateCommand({
      modelDir: dir,
      decisions: [...decisions, unknown],
      progress,
      now: () => new Date('2026-12-01T08:00:00Z'),
    });
    expect(summary.used).toBe(decisions.length);
    expect(summary.skipped).toBe(1);
    const saved = loadModelFile(currentModelPath(dir));
    expect(saved.version).toMatch(/^20261201-080000-cal-/);
    expect(saved.weights).toEqual(model.weights);
    expect(saved.temperature).toBe(summary.temperature);
    expect(saved.styleReport?.[0]?.style).toBe('admin');
    expect(saved.chatterThreshold).toBe(summary.chatterThreshold);
    // 24 decisions per wording: too few for a style of its own, so each style uses the re-fitted fallback.
    expect(Object.keys(saved.styleTemperatures ?? {})).toEqual(expect.arrayContaining(['letter', 'tweet']));
    for (const t of Object.values(saved.styleTemperatures ?? {})) expect(t).toBeCloseTo(saved.temperature, 3);
    expect(saved.styleCalibration?.every((row) => !row.fitted)).toBe(true);
    expect(printed).toContain(`CLASSIFIER_REVIEW_THRESHOLD=${summary.threshold}`);
  });
});
