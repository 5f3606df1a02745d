import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runEvalCommand } from '../../src/classifier/evaluation/eval-command.js';
import { runClassifyCommand } from '../../src/classifier/runtime/classify-command.js';
import { createClassifier } from '../../src/classifier/runtime/inference.js';
import { loadClassifier } from '../../src/classifier/runtime/store.js';
import { runTrainCommand } from '../../src/classifier/training/train-command.js';
import { TINY_CORPUS, trainTinyModel } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kanal-aduan-cli-'));
  dirs.push(dir);
  return dir;
}

/** A writable that collects everything written to it. */
function sink(isTTY = false): PassThrough & { text: () => string; isTTY: boolean } {
  const stream = new PassThrough() as PassThrough & { text: () => string; isTTY: boolean };
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  stream.isTTY = isTTY;
  return stream;
}

describe('runClassifyCommand', () => {
  it('writes one JSON line per input line and reports malformed lines without stopping', async () => {
    const classifier = createClassifier(trainTinyModel());
    const input = Readable.from([
      '{"id":"a1","text":"jln berlubang parah"}\n',
      'this is not json\n',
      '{"id":"a2"}\n',
      '\n',
      '{"id":7,"text":"ada kebakaran tolong cepat"}\n',
    ]);
    const output = sink();
    await runClassifyCommand({ input, output, classifier });
    const lines = output
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a1', agency: 'DPUTR', jurisdiction: 'city', authority: null });
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(
      ['agency', 'alternatives', 'authority', 'confidence', 'id', 'jurisdiction', 'needsReview', 'reasons'].sort(),
    );
    expect(lines[1]).toMatchObject({ id: null });
    expect(String(lines[1]?.error)).toMatch(/not valid JSON/);
    expect(lines[2]).toMatchObject({ id: null });
    expect(lines[3]).toMatchObject({ id: 7, agency: 'DARURAT', jurisdiction: 'emergency' });
  });
});

describe('runTrainCommand', () => {
  it('trains from corpus + admin decisions, saves a model and prints progress and a summary', async () => {
    const corpusDir = join(tempDir(), 'corpus');
    mkdirSync(corpusDir);
    const byLabel = new Map<string, string[]>();
    for (const e of TINY_CORPUS) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), JSON.stringify(e)]);
    for (const [label, lines] of byLabel) writeFileSync(join(corpusDir, `${label}.jsonl`), `${lines.join('\n')}\n`);
    const modelDir = tempDir();
    const progress = sink(false);
    const summary = await runTrainCommand({
      corpusDir,
      extraExamples: [
        { text: 'trotoar rusak di depan sekolah', label: 'DPUTR' },
        { text: '', label: 'DPUTR' },
      ],
      modelDir,
      progress,
    });
    expect(summary.examples).toBe(TINY_CORPUS.length + 1);
    expect(summary.skippedExtra).toBe(1);
    expect(summary.labels).toBe(6);
    const log = progress.text();
    expect(log).toMatch(/train: 0% features/);
    expect(log).toMatch(/train: 100% done/);
    expect(log).toContain(`trained ${summary.version}`);
    expect(readdirSync(modelDir)).toContain(`classifier-${summary.version}.json`);
    expect(loadClassifier({ dir: modelDir }).version).toBe(summary.version);

    const tty = sink(true);
    await runTrainCommand({ corpusDir, modelDir, progress: tty });
    expect(tty.text()).toMatch(/\r train \[#+\] 100%|\rtrain \[#+\] 100%/);
  });
});

describe('runEvalCommand', () => {
  it('prints accuracy, macro-F1, per-label table, confusions, review rate and reliability', async () => {
    const dir = tempDir();
    const inputPath = join(dir, 'eval.jsonl');
    writeFileSync(inputPath, `${TINY_CORPUS.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const output = sink();
    await runEvalCommand({ inputPath, classifier: createClassifier(trainTinyModel()), output, threshold: 0.6 });
    const text = output.text();
    for (const expected of [
      'accuracy:',
      'macro-F1:',
      'review rate',
      'not sent to review',
      'top confusions',
      'reliability',
      '0.9-1.0',
      'DPUTR',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
