// `node --import ./test/support/record-imports.mjs …`: appends every module URL the process resolves to the
// file named by RECORD_IMPORTS_FILE, so a test can check what a command loaded (test/e2e/cli-imports.test.ts).
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.RECORD_IMPORTS_FILE } });
