import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'adapters/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: a single worker on this 2-core machine, although most
    // tests spend their time waiting on fsync, PostgreSQL, Chromium or a child process. Two at least.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker keeps its loaded modules from one test file to the next instead of importing Prisma, fastify,
    // the SDKs and the classifier again for each of the 118 files (a third of the suite's CPU). Safe here:
    // no test mocks a module or changes process.env, and every file builds its own runtime and database.
    isolate: false,
    // Builds the admin UI (ui/dist) once per run when its sources changed; the browser tests serve it.
    globalSetup: ['test/support/ui-global-setup.ts'],
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
