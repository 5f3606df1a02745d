// Process entry: `natural` loads dotenv on import and would print to stdout, which must stay clean for
// `kanal-aduan classify`; silence it before the rest of the app (and natural) is imported.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
