// Builds the admin UI when ui/dist is missing or older than its sources (tests, benchmarks, screenshots).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
/** What the bundle is built from: the UI and the src/ modules it imports (labels, status names). */
const SOURCES = ['ui/src', 'ui/index.html', 'ui/vite.config.ts', 'src/domain/texts.ts', 'src/domain/catalogue.ts'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** True when ui/dist/index.html is missing or older than any source. */
export function uiBuildIsStale(): boolean {
  const built = newestMtime(path.join(ROOT, 'ui/dist/index.html'));
  return built === 0 || SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** Runs `vite build` for the UI if it is stale; returns whether it built. */
export function ensureUiBuilt(): boolean {
  if (!uiBuildIsStale()) return false;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  return true;
}
