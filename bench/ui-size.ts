// Prints the admin UI's JavaScript and CSS size, raw and gzipped (target: JavaScript under 300 KB gzipped).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureUiBuilt } from '../scripts/ui-build.js';

const TARGET_KB = 300;
ensureUiBuilt();
const dir = path.resolve(import.meta.dirname, '../ui/dist/assets');
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  .map((f) => {
    const bytes = readFileSync(path.join(dir, f));
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const r of rows) console.log(`${r.file.padEnd(32)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
const js = rows.filter((r) => r.file.endsWith('.js')).reduce((s, r) => s + r.gzip, 0);
console.log(`JavaScript total: ${kb(js)} gzipped (target < ${TARGET_KB} KB): ${js < TARGET_KB * 1024 ? 'OK' : 'OVER'}`);
if (js >= TARGET_KB * 1024) process.exitCode = 1;
