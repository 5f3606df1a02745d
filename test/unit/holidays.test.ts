// The holiday calendar: every year shipped in data/holidays is complete; the decree importer reads the list as
// the SKB prints it; the working-day clock skips cuti bersama as well as national holidays.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { holidaysCommand } from '../../src/cli/holidays-command.js';
import { loadHolidays, readHolidayYears } from '../../src/config/holidays.js';
import { HOLIDAY_KINDS, holidayKind, parseDecree, yearProblems } from '../../src/domain/holiday-calendar.js';
import { addWorkingDays } from '../../src/domain/working-days.js';

const SHIPPED = path.resolve('data/holidays');

/** The 2026 list as the decree's table prints it (copied from the PDF: number, date, day, description). */
const DECREE_2026 = `
LAMPIRAN SKB: HARI LIBUR NASIONAL TAHUN 2026
No | Tanggal | Hari | Keterangan
1. | 1 Januari 2026 | Kamis | Tahun Baru 2026 Masehi
2. | 16 Januari 2026 | Jumat | Isra Mikraj Nabi Muhammad S.A.W.
3. | 17 Februari 2026 | Selasa | Tahun Baru Imlek 2577 Kongzili
4. | 19 Maret 2026 | Kamis | Hari Suci Nyepi (Tahun Baru Saka 1948)
5. | 21-22 Maret 2026 | Sabtu-Minggu | Idul Fitri 1447 Hijriah
6. | 3 April 2026 | Jumat | Wafat Yesus Kristus
7. | 5 April 2026 | Minggu | Kebangkitan Yesus Kristus (Paskah)
8. | 1 Mei 2026 | Jumat | Hari Buruh Internasional
9. | 14 Mei 2026 | Kamis | Kenaikan Yesus Kristus
10. | 27 Mei 2026 | Rabu | Idul Adha 1447 Hijriah
11. | 31 Mei 2026 | Minggu | Hari Raya Waisak 2570 BE
12. | 1 Juni 2026 | Senin | Hari Lahir Pancasila
13. | 16 Juni 2026 | Selasa | 1 Muharam Tahun Baru Islam 1448 Hijriah
14. | 17 Agustus 2026 | Senin | Proklamasi Kemerdekaan
15. | 25 Agustus 2026 | Selasa | Maulid Nabi Muhammad S.A.W.
16. | 25 Desember 2026 | Jumat | Kelahiran Yesus Kristus
CUTI BERSAMA TAHUN 2026
1. | 16 Februari 2026 | Senin | Cuti Bersama Tahun Baru Imlek 2577 Kongzili
2. | 18 Maret 2026 | Rabu | Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)
3. | 20 dan 23 Maret 2026 | Jumat dan Senin | Cuti Bersama Idul Fitri 1447 Hijriah
4. | 24 Maret 2026 | Selasa | Cuti Bersama Idul Fitri 1447 Hijriah
5. | 15 Mei 2026 | Jumat | Cuti Bersama Kenaikan Yesus Kristus
6. | 28 Mei 2026 | Kamis | Cuti Bersama Idul Adha 1447 Hijriah
7. | 24 Desember 2026 | Kamis | Cuti Bersama Kelahiran Yesus Kristus
Ditetapkan di Jakarta
`;

function sink() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => {
    text += String(c);
  });
  return { out, text: () => text };
}

describe('holiday calendar', () => {
  it('ships a complete calendar for every year, with every national holiday and only dates of that year', () => {
    const years = readHolidayYears(SHIPPED);
    expect(years.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026, 2027]));
    for (const y of years) expect(yearProblems(y)).toEqual([]);
    // The years already decreed are official; a year still waiting for its decree is marked as an estimate.
    expect(years.find((y) => y.year === 2026)?.status).toBe('resmi');
  });

  it('recognises every holiday by the names decrees use', () => {
    expect(holidayKind('1 Muharam Tahun Baru Islam 1448 Hijriah')).toBe('tahun_baru_islam');
    expect(holidayKind('Tahun Baru 2026 Masehi')).toBe('tahun_baru_masehi');
    expect(holidayKind('Isra Mi’raj Nabi Muhammad SAW')).toBe('isra_mikraj');
    expect(holidayKind('Hari Raya Idulfitri 1447 H')).toBe('idul_fitri');
    expect(holidayKind('Rapat koordinasi')).toBeNull();
    expect(HOLIDAY_KINDS).toHaveLength(16);
  });

  it('reads the decree as printed and gives the same days as the shipped 2026 file', () => {
    const { days, unread } = parseDecree(DECREE_2026);
    expect(unread).toEqual([]);
    const shipped = readHolidayYears(SHIPPED).find((y) => y.year === 2026);
    const key = (d: { date: string; type: string; kind: string }) => `${d.date} ${d.type} ${d.kind}`;
    expect(days.map(key).sort()).toEqual(shipped?.days.map(key).sort());
  });

  it('imports a decree into the folder, and refuses an incomplete one without writing anything', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'holidays-'));
    const decree = path.join(dir, 'skb-2026.txt');
    writeFileSync(decree, DECREE_2026);
    const ok = sink();
    expect(holidaysCommand(dir, ['import', decree, '--year', '2026'], ok.out, new Date())).toBe(0);
    expect(ok.text()).toContain('17 national holidays, 8 days of cuti bersama');
    const written = JSON.parse(readFileSync(path.join(dir, '2026.json'), 'utf8'));
    expect(written).toMatchObject({ year: 2026, status: 'resmi' });

    const partial = path.join(dir, 'skb-2028.txt');
    writeFileSync(partial, '1 Januari 2028 | Tahun Baru 2028 Masehi\n');
    const bad = sink();
    expect(holidaysCommand(dir, ['import', partial, '--year', '2028'], bad.out, new Date())).toBe(1);
    expect(bad.text()).toContain('no national holiday "idul_fitri"');
    expect(readHolidayYears(dir).map((y) => y.year)).toEqual([2026]);
  });

  it('check fails when next year has no calendar and passes when it has one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'holidays-'));
    const decree = path.join(dir, 'skb.txt');
    writeFileSync(decree, DECREE_2026);
    holidaysCommand(dir, ['import', decree, '--year', '2026'], sink().out, new Date());
    const missing = sink();
    expect(holidaysCommand(dir, ['check'], missing.out, new Date('2026-11-30T00:00:00Z'))).toBe(1);
    expect(missing.text()).toContain('2027: no calendar');
    const shipped = sink();
    expect(holidaysCommand(SHIPPED, ['check'], shipped.out, new Date('2026-11-30T00:00:00Z'))).toBe(0);
    expect(shipped.text()).toContain('2027: estimated dates');
  });

  it('the 3-working-day clock skips cuti bersama: a complaint on Thursday 19 March 2026 is due on Friday 27 March', () => {
    const calendar = { timeZone: 'Asia/Jakarta', holidays: loadHolidays(SHIPPED) };
    // Thu 19 Mar (Nyepi) -> Fri 20 (cuti), Sat, Sun, Mon 23 (cuti), Tue 24 (cuti), then Wed 25, Thu 26, Fri 27.
    const due = addWorkingDays(new Date('2026-03-19T02:00:00Z'), 3, calendar);
    expect(due.toISOString().slice(0, 10)).toBe('2026-03-27');
  });
});
