// `npm start` runs this first: it rebuilds the server (tsc -> dist/) and the admin UI (vite -> ui/dist/) only
// when a source file is newer than the last build, so a start on an installed checkout takes seconds instead of
// a full TypeScript build every time. `npm run build` always rebuilds both.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Newest modification time of any file under the given paths (0 when none exists). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') visit(path.join(p, name));
    } else latest = Math.max(latest, st.mtimeMs);
  };
  for (const p of paths) visit(path.join(root, p));
  return latest;
}

const stampTime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

const serverStamp = path.join(root, 'dist', '.build-stamp');
const serverSources = ['src', 'adapters', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
if (newest(serverSources) > stampTime(serverStamp)) {
  process.stderr.write('building the server (TypeScript)...\n');
  run([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  writeFileSync(serverStamp, new Date().toISOString());
}

const uiStamp = path.join(root, 'ui', 'dist', '.build-stamp');
if (existsSync(path.join(root, 'ui')) && newest(['ui', 'package-lock.json']) > stampTime(uiStamp)) {
  process.stderr.write('building the admin UI (Vite)...\n');
  run([
    path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'ui/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
  writeFileSync(uiStamp, new Date().toISOString());
}
