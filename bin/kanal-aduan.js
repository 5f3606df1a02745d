#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` produces dist/).
await import('../dist/src/cli/entry.js');
