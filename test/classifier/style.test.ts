// Per-style calibration: the writing style of a message is detected from cheap features, each style gets its
// own temperature fitted on its out-of-fold predictions, and inference applies the temperature of the style
// it detects.
import { describe, expect, it } from 'vitest';
import { loadSlang } from '../../src/classifier/runtime/corpus.js';
import { createClassifier } from '../../src/classifier/runtime/inference.js';
import { preprocessDetailed } from '../../src/classifier/runtime/preprocess.js';
import { detectStyle } from '../../src/classifier/runtime/style.js';
import { type CalibrationLine, calibrateOnStyles } from '../../src/classifier/training/style-calibration.js';
import { trainTinyModel } from './fixtures.js';

const slang = loadSlang();
const config = { slang: slang.entries, maxChars: 2000, framing: true };
const styleOf = (text: string) => {
  const { tokens, origins } = preprocessDetailed(text, config);
  return detectStyle(text, tokens, origins);
};

describe('detectStyle', () => {
  it('sorts messages by how they are written, not by topic', () => {
    expect(styleOf('@pemkotcilegon jalan di depan pasar berlubang #cilegon')).toBe('tweet');
    expect(
      styleOf(
        'Yth. Bapak Walikota. Dengan hormat, saya warga Jombang melaporkan jalan berlubang di depan pasar. ' +
          'Mohon segera diperbaiki. Terima kasih.',
      ),
    ).toBe('letter');
    expect(styleOf('min jln dpn pasar bolong gede bgt')).toBe('chat');
    expect(styleOf('Jalan di depan pasar berlubang dan tergenang air setiap hujan.')).toBe('plain');
    const long = Array.from({ length: 40 }, (_, i) => `kata${String.fromCharCode(97 + (i % 26))}`).join(' ');
    expect(styleOf(`jalan berlubang ${long}`)).toBe('long');
  });

  it('counts an abbreviation once however many words the dictionary makes of it', () => {
    // "apill" becomes three words ("lampu lalu lintas"): one informal word, not three.
    expect(styleOf('apill di perempatan mati')).toBe('plain');
  });

  it('reads only the first maxChars of a huge message', () => {
    const huge = `${'jalan rusak. '.repeat(2000)}`;
    const { tokens, origins } = preprocessDetailed(huge, config);
    expect(['long', 'letter', 'plain']).toContain(detectStyle(huge, tokens, origins, 2000));
  });
});

// Two styles with the same logits but different reliability: "chat" is right half the time, "plain" always.
function syntheticLines(): CalibrationLine[] {
  const lines: CalibrationLine[] = [];
  for (let i = 0; i < 80; i++) {
    const logits = Float64Array.from([3, 0, 0]);
    lines.push({ logits, y: 0, source: 'corpus', style: 'plain' });
    lines.push({ logits, y: i % 2 === 0 ? 0 : 1, source: 'chat', style: 'chat' });
  }
  for (let i = 0; i < 10; i++)
    lines.push({ logits: Float64Array.from([3, 0, 0]), y: 1, source: 'letter', style: 'tweet' });
  return lines;
}

describe('calibrateOnStyles', () => {
  const fit = calibrateOnStyles(syntheticLines(), 2);

  it('gives each style with enough lines the temperature of its own predictions', () => {
    const plain = fit.styleTemperatures.plain as number;
    const chat = fit.styleTemperatures.chat as number;
    expect(plain).toBeLessThan(chat);
    // Right half of the time: the fitted confidence of the top label is about 0.5, not the raw 0.9.
    const z = Math.exp(3 / chat);
    expect(z / (z + 2)).toBeGreaterThan(0.4);
    expect(z / (z + 2)).toBeLessThan(0.6);
  });

  it('falls back to the citizen-style temperature for a style with too few lines', () => {
    expect(fit.styleTemperatures.tweet).toBeCloseTo(fit.temperature, 3);
    const tweet = fit.styles.find((s) => s.style === 'tweet');
    expect(tweet).toMatchObject({ lines: 10, citizenLines: 10, fitted: false });
    expect(fit.styles.find((s) => s.style === 'chat')?.fitted).toBe(true);
  });

  it('never fits on augmented copies', () => {
    const copies = syntheticLines().map((l) => ({ ...l, source: `aug-${l.source}`, y: 2 }));
    const withCopies = calibrateOnStyles([...syntheticLines(), ...copies], 2);
    expect(withCopies.styleTemperatures).toEqual(fit.styleTemperatures);
  });
});

describe('inference with per-style temperatures', () => {
  const model = trainTinyModel();
  const text = 'jalan rusak berlubang parah dekat pasar';
  const tweet = `@pemkotcilegon ${text} #cilegon`;

  it('calibrates each message with the temperature of its detected style', () => {
    const base = createClassifier({ ...model, styleTemperatures: { plain: 1, tweet: 1 } }, { threshold: 0.5 });
    const styled = createClassifier({ ...model, styleTemperatures: { plain: 0.2, tweet: 5 } }, { threshold: 0.5 });
    const plain = styled.classify(text);
    const tweeted = styled.classify(tweet);
    expect(plain.style).toBe('plain');
    expect(tweeted.style).toBe('tweet');
    expect(plain.agency).toBe('DPUTR');
    // A low temperature sharpens the plain message; a high one flattens the tweet.
    expect(plain.confidence).toBeGreaterThan(base.classify(text).confidence);
    expect(tweeted.confidence).toBeLessThan(base.classify(tweet).confidence);
  });

  it('uses the fallback temperature for styles the model has no temperature for', () => {
    const base = createClassifier(model, { threshold: 0.5 });
    const partial = createClassifier({ ...model, styleTemperatures: { tweet: 5 } }, { threshold: 0.5 });
    expect(partial.classify(text).confidence).toBe(base.classify(text).confidence);
    expect(partial.classify(tweet).confidence).not.toBe(base.classify(tweet).confidence);
  });
});
