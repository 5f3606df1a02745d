import { describe, expect, it } from 'vitest';
import { EMERGENCY_ADVICE_MIN, needsEmergencyAdvice } from '../../src/app/complaint-fields.js';
import type { Classification } from '../../src/classifier/types.js';

const result = (agency: string, alternatives: [string, number][]): Classification => ({
  agency,
  jurisdiction: 'city',
  authority: null,
  confidence: 0.6,
  alternatives: alternatives.map(([a, c]) => ({ agency: a, confidence: c })),
  needsReview: true,
  reasons: [],
  modelVersion: 'test',
});

describe('needsEmergencyAdvice', () => {
  it('advises on an emergency and on an emergency runner-up, not otherwise', () => {
    expect(needsEmergencyAdvice(result('DARURAT', [['BPBD', 0.2]]))).toBe(true);
    expect(needsEmergencyAdvice(result('POLRI', [['DARURAT', EMERGENCY_ADVICE_MIN]]))).toBe(true);
    expect(needsEmergencyAdvice(result('POLRI', [['DARURAT', EMERGENCY_ADVICE_MIN - 0.01]]))).toBe(false);
    expect(needsEmergencyAdvice(result('DPUTR', [['DLH', 0.3]]))).toBe(false);
  });
});
