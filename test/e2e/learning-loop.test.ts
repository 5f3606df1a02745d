// The classifier learns from admins: a forward is stored as a labelled example, `train` uses it, and the
// running product classifies with the new model without a restart.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReloadingClassifier, DEFAULT_REVIEW_THRESHOLD } from '../../src/classifier/index.js';
import { runTrainCommand } from '../../src/classifier/training/index.js';
import type { Runtime } from '../../src/runtime.js';
import { sqliteDatabase } from '../support/databases.js';
import { adminClient, MODEL_DIR, startTestRuntime } from '../support/runtime.js';

/**
 * A copy of the corpus with its first lines per label: what is tested is the loop (decision -> training data ->
 * new model served), not the model's quality, and training on the whole corpus takes a minute on 2 cores.
 */
function smallCorpus(linesPerLabel: number): { dir: string; lines: number } {
  const source = path.resolve('data/classifier/corpus');
  const dir = mkdtempSync(path.join(tmpdir(), 'kanal-corpus-'));
  let count = 0;
  for (const file of readdirSync(source).filter((f) => f.endsWith('.jsonl'))) {
    const lines = readFileSync(path.join(source, file), 'utf8').split('\n').filter(Boolean);
    writeFileSync(path.join(dir, file), `${lines.slice(0, linesPerLabel).join('\n')}\n`);
    count += Math.min(lines.length, linesPerLabel);
  }
  return { dir, lines: count };
}

describe('learning from admin decisions', () => {
  let rt: Runtime;
  const modelDir = mkdtempSync(path.join(tmpdir(), 'kanal-models-'));

  beforeAll(async () => {
    cpSync(MODEL_DIR, modelDir, { recursive: true });
    const classifier = createReloadingClassifier({
      dir: modelDir,
      threshold: DEFAULT_REVIEW_THRESHOLD,
      checkIntervalMs: 0,
    });
    rt = await startTestRuntime({ DATABASE_URL: sqliteDatabase().url }, { classifier });
  });
  afterAll(async () => rt?.stop());

  const file = async (text: string) => {
    const res = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A form's submission key is long and random (a short one is refused: it would make the private link guessable).
      body: JSON.stringify({ submissionId: randomBytes(24).toString('base64url'), text }),
    });
    const { trackingId } = (await res.json()) as { trackingId: string };
    const c = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    return { trackingId, version: (JSON.parse(c.classification ?? '{}') as { modelVersion: string }).modelVersion };
  };

  it('retrains with the forward decisions and serves the new model without a restart', async () => {
    const api = await adminClient(rt.url);
    const first = await file('Saluran air di depan rumah kami di Kelurahan Ketileng mampet dan meluap setiap hujan');
    expect(
      (await api('POST', `/api/complaints/${first.trackingId}/transitions`, { action: 'forward', agency: 'DPUTR' }))
        .status,
    ).toBe(200);
    const decisions = await rt.ctx.db.labelledExample.findMany({ select: { text: true, label: true } });
    expect(decisions).toEqual([{ text: expect.stringContaining('Saluran air'), label: 'DPUTR' }]);

    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const corpus = smallCorpus(15);
    const summary = await runTrainCommand({
      corpusDir: corpus.dir,
      extraExamples: decisions,
      modelDir,
      progress: quiet,
    });
    // The admin's decision is one of the examples the model learned from.
    expect(summary).toMatchObject({ examples: corpus.lines + 1, skippedExtra: 0 });
    expect(summary.version).not.toBe(first.version);

    const second = await file('Gorong-gorong di Jalan Kubang Laban tersumbat sampah, jalan tergenang');
    expect(second.version).toBe(summary.version);
  }, 60_000);
});
