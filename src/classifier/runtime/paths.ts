/** Locates the repository's data files whether running from src/ (tsx, vitest) or a compiled dist/. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Absolute path of `relative` inside the repository's `data/` folder (searched upwards from this file). */
export function dataPath(...relative: string[]): string {
  let dir = HERE;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'data', 'classifier');
    if (existsSync(candidate)) return join(dir, 'data', ...relative);
    dir = resolve(dir, '..');
  }
  // Fall back to the layout of the source tree; callers report a clear "file not found".
  return resolve(HERE, '..', '..', 'data', ...relative);
}

/** Default locations of the classifier's data. */
export const DEFAULT_PATHS = {
  slang: () => dataPath('classifier', 'slang.json'),
  rules: () => dataPath('classifier', 'rules.json'),
  corpus: () => dataPath('classifier', 'corpus'),
  heldout: () => dataPath('classifier', 'heldout'),
  styles: () => dataPath('classifier', 'styles'),
  styleEval: () => dataPath('classifier', 'eval-styles'),
  models: () => dataPath('models'),
} as const;
