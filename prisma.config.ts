// Prisma CLI configuration. Only `prisma generate` and `prisma migrate diff` are used by the project; both run
// offline with the JS engine (see README "Database"). Migrations are applied by the app's own migrator.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url: 'file:./data/prisma-cli.db' });
  },
});
