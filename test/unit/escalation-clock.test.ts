// The share of a clock that has run, in working time for the verification clock (consistent with
// addWorkingDays), and the "TAUTKAN" command officers send to link a chat.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/app/commands.js';
import { clockFraction, crossedThresholds, workingMsBetween } from '../../src/app/escalation-clock.js';
import { addWorkingDays } from '../../src/domain/working-days.js';

const cal = { timeZone: 'Asia/Jakarta', holidays: new Set(['2026-08-17', '2026-12-25']) };
const wib = (local: string) => new Date(`${local}+07:00`);
const HOUR = 3_600_000;

describe('working time', () => {
  it('counts only the hours of working days in the city time zone', () => {
    // Friday 16:00 to Monday 10:00: Friday's last 8 hours and Monday's first 10; the weekend counts nothing.
    expect(workingMsBetween(wib('2026-11-27T16:00:00'), wib('2026-11-30T10:00:00'), cal)).toBe(18 * HOUR);
    // Independence Day (Monday 17 August) counts nothing either.
    expect(workingMsBetween(wib('2026-08-14T12:00:00'), wib('2026-08-18T12:00:00'), cal)).toBe(24 * HOUR);
    expect(workingMsBetween(wib('2026-11-30T10:00:00'), wib('2026-11-27T16:00:00'), cal)).toBe(0);
  });

  it('makes a 3-working-day clock exactly 72 working hours, whatever the weekday it starts', () => {
    for (const start of ['2026-11-27T16:00:00', '2026-11-25T09:30:00', '2026-12-23T23:00:00']) {
      const from = wib(start);
      expect(workingMsBetween(from, addWorkingDays(from, 3, cal), cal)).toBe(72 * HOUR);
    }
  });

  it('reaches half of a Friday-afternoon clock on Tuesday 04:00, not on Monday', () => {
    const start = wib('2026-11-27T16:00:00');
    const due = addWorkingDays(start, 3, cal);
    expect(clockFraction(start, due, wib('2026-11-30T06:00:00'), cal)).toBeCloseTo(14 / 72);
    expect(clockFraction(start, due, wib('2026-12-01T03:59:00'), cal)).toBeLessThan(0.5);
    expect(clockFraction(start, due, wib('2026-12-01T04:00:00'), cal)).toBeCloseTo(0.5);
    // Calendar time (the follow-up clock) would have said 62 of 120 hours on Monday 06:00.
    expect(clockFraction(start, due, wib('2026-11-30T06:00:00'), null)).toBeCloseTo(62 / 120);
  });

  it('is at least 100% once the deadline passed, even over a weekend', () => {
    const start = wib('2026-11-25T16:00:00');
    const due = addWorkingDays(start, 3, cal); // Monday 30 November 16:00
    expect(clockFraction(start, due, wib('2026-12-05T10:00:00'), cal)).toBeGreaterThanOrEqual(1);
  });

  it('names the thresholds crossed', () => {
    expect(crossedThresholds(0.49)).toEqual([]);
    expect(crossedThresholds(0.5)).toEqual([50]);
    expect(crossedThresholds(0.8 - 1e-12)).toEqual([50, 80]);
    expect(crossedThresholds(1.7)).toEqual([50, 80, 100]);
  });
});

describe('TAUTKAN', () => {
  it('reads the code however an officer types it', () => {
    expect(parseCommand('TAUTKAN 482913')).toEqual({ name: 'link', code: '482913' });
    expect(parseCommand('/tautkan 482913')).toEqual({ name: 'link', code: '482913' });
    expect(parseCommand('/tautkan@KanalAduanBot 482913')).toEqual({ name: 'link', code: '482913' });
    expect(parseCommand('tautkan 482 913')).toEqual({ name: 'link', code: '482913' });
    expect(parseCommand(' Tautkan ')).toEqual({ name: 'link', code: null });
    expect(parseCommand('tautkan abc')).toEqual({ name: 'link', code: 'abc' });
  });

  it('leaves complaints that merely mention the word alone', () => {
    expect(parseCommand('tolong tautkan laporan saya ke dinas')).toBeNull();
    expect(parseCommand('tautkanlah 123456')).toBeNull();
  });
});
