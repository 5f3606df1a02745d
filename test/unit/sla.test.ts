import { describe, expect, it } from 'vitest';
import { complaintClocks } from '../../src/domain/sla.js';
import { addWorkingDays, isWorkingDay, localDay } from '../../src/domain/working-days.js';

const cal = { timeZone: 'Asia/Jakarta', holidays: new Set(['2026-08-17', '2026-12-25']) };
const wib = (local: string) => new Date(`${local}+07:00`);

describe('working days (WIB)', () => {
  it('counts Monday to Friday in the city time zone', () => {
    // Friday 16:00 WIB + 3 working days = Wednesday 16:00 WIB.
    expect(addWorkingDays(wib('2026-11-27T16:00:00'), 3, cal)).toEqual(wib('2026-12-02T16:00:00'));
    // 23:30 UTC on Friday is already Saturday in Cilegon: not a working day there.
    expect(localDay(new Date('2026-11-27T23:30:00Z'), cal.timeZone)).toEqual({ date: '2026-11-28', weekday: 6 });
    expect(isWorkingDay(new Date('2026-11-27T23:30:00Z'), cal)).toBe(false);
  });

  it('skips national holidays', () => {
    // Friday 14 Aug 2026 + 1 working day: Monday 17 Aug is Independence Day, so Tuesday 18 Aug.
    expect(addWorkingDays(wib('2026-08-14T09:00:00'), 1, cal)).toEqual(wib('2026-08-18T09:00:00'));
    expect(addWorkingDays(wib('2026-12-24T10:00:00'), 1, cal)).toEqual(wib('2026-12-28T10:00:00'));
  });
});

describe('complaint clocks', () => {
  const base = {
    status: 'received',
    updatedAt: wib('2026-11-27T10:00:00'),
    verifiedAt: null,
    forwardedAt: null,
    verifyDueAt: wib('2026-12-02T10:00:00'),
    followUpDueAt: null,
    followedUpAt: null,
  };

  it('runs, then is overdue, then met or missed when the office decides', () => {
    expect(complaintClocks(base, wib('2026-12-01T10:00:00')).verify?.state).toBe('running');
    expect(complaintClocks(base, wib('2026-12-03T10:00:00')).verify?.state).toBe('overdue');
    const verifiedInTime = { ...base, status: 'verified', verifiedAt: wib('2026-12-01T09:00:00') };
    expect(complaintClocks(verifiedInTime, wib('2026-12-09T10:00:00')).verify?.state).toBe('met');
    const rejectedLate = { ...base, status: 'rejected', updatedAt: wib('2026-12-04T09:00:00') };
    expect(complaintClocks(rejectedLate, wib('2026-12-09T10:00:00')).verify?.state).toBe('missed');
    expect(complaintClocks(base, wib('2026-12-01T10:00:00')).followUp).toBeNull();
  });

  it('tracks the agency follow-up once forwarded', () => {
    const forwarded = {
      ...base,
      status: 'forwarded',
      forwardedAt: wib('2026-11-28T10:00:00'),
      followUpDueAt: wib('2026-12-28T10:00:00'),
    };
    expect(complaintClocks(forwarded, wib('2026-12-29T00:00:00')).followUp?.state).toBe('overdue');
    const followed = { ...forwarded, followedUpAt: wib('2026-12-10T10:00:00') };
    expect(complaintClocks(followed, wib('2026-12-29T00:00:00')).followUp?.state).toBe('met');
  });
});
