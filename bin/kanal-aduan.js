#!/usr/bin/env node
// Entry point of the compiled CLI (npm run build). `natural` loads dotenv on import and would print to
// stdout, which must stay clean for `kanal-aduan classify`: silence it before anything is imported.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
