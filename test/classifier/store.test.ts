import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createReloadingClassifier,
  currentModelPath,
  loadClassifier,
  POINTER_FILE,
  saveModel,
} from '../../src/classifier/runtime/store.js';
import { trainModel } from '../../src/classifier/training/train.js';
import { TINY_CORPUS, tinyTrainOptions, trainTinyModel } from './fixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kanal-aduan-model-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('saveModel / loadClassifier', () => {
  it('writes a versioned file, points current.json at it, and loads it back', () => {
    const dir = tempDir();
    const model = trainTinyModel();
    const path = saveModel(dir, model);
    expect(path).toBe(join(dir, `classifier-${model.version}.json`));
    expect(model.version).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);
    expect(JSON.parse(readFileSync(join(dir, POINTER_FILE), 'utf8'))).toEqual({
      file: `classifier-${model.version}.json`,
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const classifier = loadClassifier({ dir, threshold: 0.5 });
    expect(classifier.version).toBe(model.version);
    expect(classifier.classify('jalan berlubang').agency).toBe('DPUTR');
  });

  it('never stores a NIK (16-digit number) or a phone number in the model file', () => {
    const dir = tempDir();
    const withNik = [
      ...TINY_CORPUS,
      { text: 'NIK saya 3672012345678901 tidak terdaftar, hub 081234567890', label: 'DPUTR' },
      { text: 'NIK saya 3672012345678901 jalan rusak, hub 081234567890', label: 'DPUTR' },
      { text: 'nomor kk 3672 0123 4567 8902 salah, jalan berlubang', label: 'DPUTR' },
      { text: 'nomor kk 3672 0123 4567 8902 salah, jalan rusak', label: 'DPUTR' },
    ];
    const path = saveModel(dir, trainModel(withNik, tinyTrainOptions({ minDf: 1 })));
    const json = readFileSync(path, 'utf8');
    expect(json).not.toMatch(/\d{16}/);
    expect(json).not.toContain('081234567890');
    expect(json).not.toContain('3672 0123');
  });

  it('refuses a pointer that escapes the model directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, POINTER_FILE), JSON.stringify({ file: '../../etc/passwd' }));
    expect(currentModelPath(dir)).toBe(join(dir, 'passwd'));
  });
});

describe('createReloadingClassifier', () => {
  it('picks up a new model after the pointer moves, without restart', () => {
    const dir = tempDir();
    let clock = 0;
    const first = trainTinyModel();
    saveModel(dir, first);
    const classifier = createReloadingClassifier({ dir, threshold: 0.5, checkIntervalMs: 1000, now: () => clock });
    expect(classifier.classify('jalan rusak').modelVersion).toBe(first.version);

    const second = trainModel(TINY_CORPUS.slice(0, 20), tinyTrainOptions());
    expect(second.version).not.toBe(first.version);
    saveModel(dir, second);
    clock = 500; // within the interval: no check yet
    expect(classifier.classify('jalan rusak').modelVersion).toBe(first.version);
    clock = 1500;
    expect(classifier.classify('jalan rusak').modelVersion).toBe(second.version);
    expect(classifier.version).toBe(second.version);
  });

  it('reloads on demand and ignores a broken new model (logged once, old model keeps serving)', () => {
    const dir = tempDir();
    const first = trainTinyModel();
    saveModel(dir, first);
    const logs: string[] = [];
    const classifier = createReloadingClassifier({
      dir,
      threshold: 0.5,
      checkIntervalMs: 60_000,
      log: (m) => logs.push(m),
    });

    writeFileSync(join(dir, 'classifier-broken.json'), '{"format": "kanal-aduan-classifier", "weights": [');
    writeFileSync(join(dir, POINTER_FILE), JSON.stringify({ file: 'classifier-broken.json' }));
    expect(classifier.reload()).toBe(false);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/ignored/);
    expect(classifier.classify('jalan rusak').modelVersion).toBe(first.version);

    // A structurally wrong model (weights of the wrong length) is rejected too.
    const wrong = { ...first, version: 'wrong', weights: [1, 2, 3] };
    writeFileSync(join(dir, 'classifier-wrong.json'), JSON.stringify(wrong));
    writeFileSync(join(dir, POINTER_FILE), JSON.stringify({ file: 'classifier-wrong.json', note: 'x' }));
    expect(classifier.reload()).toBe(false);
    expect(logs).toHaveLength(2);
    expect(classifier.reload()).toBe(false);
    expect(logs).toHaveLength(2);

    const second = trainModel(TINY_CORPUS.slice(0, 20), tinyTrainOptions());
    saveModel(dir, second);
    expect(classifier.reload()).toBe(true);
    expect(classifier.classify('jalan rusak').modelVersion).toBe(second.version);
  });
});
