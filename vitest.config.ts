import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'adapters/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds the admin UI (ui/dist) once per run when its sources changed; the browser tests serve it.
    globalSetup: ['test/support/ui-global-setup.ts'],
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
