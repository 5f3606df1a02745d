// `kanal-aduan holidays import FILE --year YYYY` and `kanal-aduan holidays check`: keeps data/holidays/ current
// from the government's yearly decree (the list of libur nasional and cuti bersama, copied from the SKB's table
// into a text file), and says which years are missing or only estimated.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readHolidayYears } from '../config/holidays.js';
import { type HolidayYear, parseDecree, yearProblems } from '../domain/holiday-calendar.js';

/** Runs a `holidays` subcommand against the calendar folder; returns the exit code. */
export function holidaysCommand(dir: string, args: string[], out: NodeJS.WritableStream, now: Date): number {
  const [sub, ...rest] = args;
  if (sub === 'import') return importDecree(dir, rest, out);
  if (sub === 'check') return check(dir, out, now);
  out.write('usage: kanal-aduan holidays import FILE --year YYYY [--source TEXT] | holidays check\n');
  return 2;
}

function importDecree(dir: string, args: string[], out: NodeJS.WritableStream): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: 'string' }, source: { type: 'string' } },
  });
  const file = positionals[0];
  const year = Number(values.year);
  if (!file || !Number.isInteger(year) || year < 2000 || year > 2100) {
    out.write('holidays import needs the decree text FILE and --year YYYY\n');
    return 2;
  }
  if (!existsSync(file)) {
    out.write(`holidays import: ${file} does not exist\n`);
    return 2;
  }
  const { days, unread } = parseDecree(readFileSync(file, 'utf8'));
  for (const line of unread) out.write(`not understood (skipped): ${line}\n`);
  const calendar: HolidayYear = {
    year,
    status: 'resmi',
    source:
      values.source ?? `SKB Hari Libur Nasional dan Cuti Bersama Tahun ${year} (diimpor dari ${path.basename(file)})`,
    days: days.filter((d) => d.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date)),
  };
  const problems = yearProblems(calendar);
  if (problems.length > 0) {
    for (const p of problems) out.write(`${p}\n`);
    out.write(`holidays import: ${year} is incomplete; nothing was written\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${year}.json`);
  // Write then rename: a running instance reading the folder never sees half a file.
  writeFileSync(`${target}.tmp`, `${JSON.stringify(calendar, null, 2)}\n`);
  renameSync(`${target}.tmp`, target);
  const leave = calendar.days.filter((d) => d.type === 'cuti_bersama').length;
  out.write(`wrote ${target}: ${calendar.days.length - leave} national holidays, ${leave} days of cuti bersama\n`);
  return 0;
}

/** Fails when this year or the next has no file, a file is incomplete, or this year is only an estimate. */
function check(dir: string, out: NodeJS.WritableStream, now: Date): number {
  const years = readHolidayYears(dir);
  const thisYear = now.getUTCFullYear();
  const problems = years.flatMap(yearProblems);
  for (const y of [thisYear, thisYear + 1]) {
    const found = years.find((c) => c.year === y);
    if (!found) problems.push(`${y}: no calendar (import the decree for ${y})`);
    else if (found.status === 'perkiraan') out.write(`${y}: estimated dates; import the decree when it is signed\n`);
  }
  if (years.find((c) => c.year === thisYear)?.status === 'perkiraan') {
    problems.push(`${thisYear}: the current year is still an estimate`);
  }
  for (const p of problems) out.write(`${p}\n`);
  if (problems.length === 0)
    out.write(`holiday calendar complete: ${years.map((y) => `${y.year} (${y.status})`).join(', ')}\n`);
  return problems.length === 0 ? 0 : 1;
}
