import { existsSync } from 'node:fs';

// Process entry: `natural` loads dotenv on import and would print to stdout, which must stay clean for
// `kanal-aduan classify`; silence it before the rest of the app (and natural) is imported.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
// Settings may live in ./.env (see .env.example); variables already set in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env');
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
