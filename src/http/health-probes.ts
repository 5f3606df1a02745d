// Probes for a load balancer or an orchestrator: unauthenticated, no personal data, cheap. Liveness says the
// process answers; readiness says this instance should get traffic (database reachable, every migration this
// build carries applied, not shutting down). A stopping instance turns unready first, before it closes.
import { readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';
import { migrationsDir } from '../db/migrate.js';

export interface ReadinessSource {
  database: Database;
  /** True from the moment a graceful stop begins. */
  shuttingDown(): boolean;
  /** How long the database check may take before the instance counts as unready. */
  timeoutMs?: number;
}

type Readiness = { ready: true } | { ready: false; reason: 'shutting_down' | 'database' | 'migrations' };

/** The newest migration this build carries (what the database must have applied). */
export function newestMigration(provider: string): string {
  const names = readdirSync(migrationsDir(provider)).filter((n) => /^\d{4}_/.test(n));
  return names.sort().at(-1) ?? '';
}

/** One query answers both "reachable" and "migrated"; concurrent probes share one check. */
export function createReadiness(source: ReadinessSource): () => Promise<Readiness> {
  const expected = newestMigration(source.database.provider);
  let inFlight: Promise<Readiness> | null = null;
  async function check(): Promise<Readiness> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), source.timeoutMs ?? 2_000);
    });
    try {
      const query = source.database.db.$queryRawUnsafe<{ name: string | null }[]>(
        'SELECT MAX("name") AS "name" FROM "_kanal_migrations"',
      );
      const rows = await Promise.race([query, timeout]);
      if (rows === 'timeout') return { ready: false, reason: 'database' };
      return (rows[0]?.name ?? '') >= expected ? { ready: true } : { ready: false, reason: 'migrations' };
    } catch {
      return { ready: false, reason: 'database' };
    } finally {
      clearTimeout(timer);
    }
  }
  return async () => {
    if (source.shuttingDown()) return { ready: false, reason: 'shutting_down' };
    inFlight ??= check().finally(() => {
      inFlight = null;
    });
    const result = await inFlight;
    // A stop that began while the query ran wins: the balancer must stop sending here as early as possible.
    return source.shuttingDown() ? { ready: false, reason: 'shutting_down' } : result;
  };
}

/** GET /healthz (liveness) and GET /readyz (readiness, 503 with a reason when not ready). */
export function registerHealthProbes(app: FastifyInstance, source: ReadinessSource) {
  const readiness = createReadiness(source);
  // Probes come every few seconds from every balancer: they are kept out of the request log.
  const quiet = { logLevel: 'warn' as const };
  app.get('/healthz', quiet, async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', quiet, async (_req, reply) => {
    const r = await readiness();
    reply.header('cache-control', 'no-store');
    return r.ready
      ? reply.send({ status: 'ready' })
      : reply.status(503).send({ status: 'not_ready', reason: r.reason });
  });
}
