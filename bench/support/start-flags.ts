// The Node flags `npm start` gives the product (package.json), so the benches run it as production does.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

/** The flags between `node` and `bin/kanal-aduan.js start` in the start script. */
export const START_FLAGS: string[] =
  /node ((?:--\S+ )*)bin\/kanal-aduan\.js start/
    .exec(pkg.scripts.start ?? '')?.[1]
    ?.trim()
    .split(' ')
    .filter(Boolean) ?? [];
