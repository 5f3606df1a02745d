import { describe, expect, it } from 'vitest';
import { loadSlang } from '../../src/classifier/runtime/corpus.js';
import { extractFeatures } from '../../src/classifier/runtime/features.js';
import { MARKERS } from '../../src/classifier/runtime/framing.js';
import { preprocess, preprocessDetailed } from '../../src/classifier/runtime/preprocess.js';

const slang = loadSlang();
const config = { slang: slang.entries, maxChars: 2000, framing: true };
const tokens = (text: string) => preprocess(text, config);

describe('courtesy and letter stage', () => {
  it('turns greetings, honorifics, requests and thanks into markers and keeps the topic words', () => {
    const out = tokens(
      "Assalamu'alaikum wr. wb. Yth. Ibu Walikota Cilegon, mohon dibantu jalan rusak di RT 03. Atas perhatiannya terima kasih. Wassalam",
    );
    expect(out).toContain(MARKERS.greeting);
    expect(out).toContain(MARKERS.honorific);
    expect(out).toContain(MARKERS.request);
    expect(out).toContain(MARKERS.thanks);
    expect(out).toEqual(expect.arrayContaining(['jalan', 'rusak']));
    // The formulas' words are gone, so they cannot name a topic ("ibu" -> women's protection, "bantu" -> aid).
    for (const word of ['ibu', 'walikota', 'mohon', 'dibantu', 'terima', 'kasih', 'assalamu'])
      expect(out).not.toContain(word);
  });

  it('reads "izin" as a formula only when it is one', () => {
    expect(tokens('izin bertanya min')).toEqual([MARKERS.request, MARKERS.honorific]);
    expect(tokens('urus izin usaha lama')).toEqual(['urus', 'izin', 'usaha', 'lama']);
  });

  it('keeps "ibu" when it is a person, not an addressee', () => {
    expect(tokens('ibu saya sakit')).toEqual(['ibu', 'saya', 'sakit']);
    expect(tokens('bu lurah susah ditemui')[0]).toBe(MARKERS.honorific);
  });

  it('turns urgency formulas into a request marker, never an emergency word', () => {
    expect(tokens('tolong segera dibantu')).toEqual([MARKERS.request]);
    expect(tokens('mohon segera ditindaklanjuti')).toEqual([MARKERS.request]);
  });

  it('marks an institution after a place word as a landmark, keeps it as the subject otherwise', () => {
    expect(tokens('jalan rusak depan SMAN 2')).toEqual(['jalan', 'rusak', 'depan', MARKERS.landmark]);
    expect(tokens('lampu mati dekat RS Krakatau Medika')).toEqual(['lampu', 'mati', 'dekat', MARKERS.landmark]);
    expect(tokens('pungli di SMAN 2')).toEqual(['pungli', 'di', 'sman', '2']);
  });

  it('recognises Javanese and Sundanese courtesy and photo references', () => {
    expect(tokens('punten, hatur nuhun')).toEqual([MARKERS.greeting, MARKERS.thanks]);
    expect(tokens('matur nuwun')).toEqual([MARKERS.thanks]);
    expect(tokens('ini fotonya')).toEqual([MARKERS.letter]);
  });

  it('credits a marker to the words the citizen wrote and emits one marker feature per kind', () => {
    const detailed = preprocessDetailed('Selamat pagi pak, PJU mati', config);
    expect(detailed.origins[0]).toBe('selamat pagi pak');
    const doc = extractFeatures(detailed.tokens, { stems: true, bigrams: false, charNgrams: null });
    expect(doc.counts.get('m:greeting')).toBe(1);
    expect([...doc.counts.keys()].some((f) => f.includes('selamat') || f.includes('pagi'))).toBe(false);
  });

  it('changes nothing when the stage is off (models trained before it)', () => {
    expect(preprocess('mohon dibantu', { ...config, framing: false })).toEqual(['mohon', 'dibantu']);
  });
});
