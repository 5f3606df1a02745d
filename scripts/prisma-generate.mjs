// postinstall: derive the PostgreSQL schema and generate both Prisma clients (one per provider).
import { prisma, schemaPaths, writePostgresSchema } from './prisma-lib.mjs';

writePostgresSchema();
for (const schema of Object.values(schemaPaths)) {
  prisma(['generate', '--schema', schema, '--no-hints'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
