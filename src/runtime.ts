// Composition root: wires config, database, classifier, channels, HTTP and jobs into a running product.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createOpen311Adapter } from '../adapters/open311/index.js';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { createWebAdapter, type WebAdapter } from '../adapters/web/index.js';
import { createWhatsAppCloudAdapter } from '../adapters/whatsapp-cloud/index.js';
import { createWhatsAppWebAdapter } from '../adapters/whatsapp-web/index.js';
import { downloadPendingAttachments } from './app/attachments.js';
import { ensureFirstAdmin } from './app/auth.js';
import { type AppContext, createAppContext } from './app/context.js';
import { DEFAULT_INBOUND_RETRY } from './app/inbound-retry.js';
import { createIntake, type Intake } from './app/intake.js';
import { createLease } from './app/lease.js';
import { lastInboundAt } from './app/reporters.js';
import type { ChannelAdapter, ChannelName, IncomingMessage } from './channels/contract.js';
import { singleInstance } from './channels/single-instance.js';
import type { Classifier } from './classifier/types.js';
import type { Config } from './config/config.js';
import { type Database, openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { seedAgencies } from './db/seed.js';
import { createStateStore } from './db/state-store.js';
import { registerHealthProbes } from './http/health-probes.js';
import { createHttpServer } from './http/server.js';
import { escalationJobs } from './jobs/escalation-jobs.js';
import { assertValidSchedule, startJobs } from './jobs/scheduler.js';
import { sessionPurgeJob } from './jobs/session-purge.js';
import { type AppLogger, createLogger } from './logger.js';
import { createRateLimiter } from './outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from './outbox/retry-policy.js';
import { createOutboxWorker, type OutboxWorker } from './outbox/worker.js';
import { runShutdown } from './shutdown.js';
import { createWebhookWorker, type WebhookWorker } from './webhooks/worker.js';

export interface RuntimeDeps {
  classifier: Classifier;
  /** Extra or replacement adapters (tests inject fakes here); by default built from config. */
  adapters?: ChannelAdapter[];
  /** The one logger of the process; Fastify's request log goes through it too. */
  logger?: AppLogger;
  now?: () => Date;
  /** Run cron jobs (tests drive the worker directly). Default true. */
  jobs?: boolean;
}

export interface Runtime {
  ctx: AppContext;
  /** Downloads pending attachments now (the job does it every 20 s). */
  downloadAttachments(): Promise<number>;
  database: Database;
  intake: Intake;
  worker: OutboxWorker;
  /** Sends outgoing webhooks (src/webhooks/); tests drive it directly. */
  webhooks: WebhookWorker;
  http: FastifyInstance;
  adapters: Map<ChannelName, ChannelAdapter>;
  /** Listening URL once started. */
  url: string;
  /** True once stop() has begun (GET /readyz answers 503 from then on). */
  readonly stopping: boolean;
  /**
   * Graceful stop (see src/shutdown.ts), bounded by SHUTDOWN_TIMEOUT_SECONDS unless `timeoutMs` is given;
   * resolves false when the timeout cut it short. Calling it again returns the same stop.
   */
  stop(opts?: { timeoutMs?: number }): Promise<boolean>;
}

/**
 * Stops listening and waits for the requests under way. A keep-alive connection (a reverse proxy's) whose
 * request finishes after the close began would otherwise hold the close open until its idle timeout.
 */
async function closeHttp(http: FastifyInstance) {
  const timer = setInterval(() => http.server.closeIdleConnections(), 100);
  try {
    await http.close();
  } finally {
    clearInterval(timer);
  }
}

/** Opens the database and brings it up to date: migrations, the agency seed, the first admin. */
async function openAndPrepareDatabase(config: Config, logger: AppLogger): Promise<Database> {
  const database = await openDatabase(config.databaseUrl);
  const applied = await migrate(database);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  await seedAgencies(database.db);
  if (await ensureFirstAdmin(database.db, config.admin))
    logger.info({ email: config.admin?.email }, 'first admin created');
  return database;
}

interface Channels {
  adapters: Map<ChannelName, ChannelAdapter>;
  web: WebAdapter;
  open311: ChannelAdapter;
}

/** Builds the channel adapters the config turns on, then the ones the caller passes (they replace by name). */
async function buildAdapters(
  config: Config,
  deps: RuntimeDeps,
  database: Database,
  logger: AppLogger,
): Promise<Channels> {
  const adapters = new Map<ChannelName, ChannelAdapter>();
  const web = createWebAdapter({ uploadDir: `${config.attachments.dir}/web-inbox` });
  adapters.set('web', web);
  // Open311 is a door like the form: always on (OPEN311_API_KEY only decides whether POSTs need a key).
  const open311 = createOpen311Adapter(config.open311);
  adapters.set('open311', open311);
  // Telegram allows one getUpdates consumer and X rotates refresh tokens: with several instances on one
  // database, a lease picks the one instance that polls; every instance can still send.
  const instanceId = randomUUID();
  const polledByOne = (a: ChannelAdapter) =>
    singleInstance(a, createLease(database.db, `poll:${a.name}`, instanceId, 30_000), logger, 10_000);
  if (config.telegram) {
    const telegram = createTelegramAdapter(config.telegram, logger);
    adapters.set('telegram', config.telegram.webhook ? telegram : polledByOne(telegram));
  }
  if (config.whatsappCloud) {
    // The 24-hour window runs from the sender's last message, as intake recorded it on their identity.
    const lastInbound = (address: string) => lastInboundAt(database.db, address);
    adapters.set('whatsapp', createWhatsAppCloudAdapter(config.whatsappCloud, { logger, lastInbound }));
  }
  if (config.whatsappWeb) {
    const onAlert = (message: string) => logger.error({ channel: 'whatsapp' }, message);
    adapters.set('whatsapp', createWhatsAppWebAdapter(config.whatsappWeb, { logger, onAlert }));
  }
  if (config.x) {
    // Imported only when X is on: twitter-api-v2 costs about 9 MiB of memory in a process that never uses it.
    const { createXAdapter } = await import('../adapters/x/index.js');
    adapters.set('x', polledByOne(createXAdapter(config.x, { logger, state: createStateStore(database.db, 'x:') })));
  }
  for (const a of deps.adapters ?? []) adapters.set(a.name, a);
  return { adapters, web, open311 };
}

interface Services {
  ctx: AppContext;
  worker: OutboxWorker;
  webhooks: WebhookWorker;
  intake: Intake;
  downloadAttachments(): Promise<number>;
  /** Nudges the outbox and webhook workers to send now. */
  kick(): void;
}

/** The application context and the workers around it. */
function buildServices(
  config: Config,
  deps: RuntimeDeps,
  database: Database,
  adapters: Map<ChannelName, ChannelAdapter>,
  logger: AppLogger,
): Services {
  let worker: OutboxWorker | null = null;
  let webhooks: WebhookWorker | null = null;
  const kick = () => {
    // Fire and forget: the workers log their own failures; the cron tick is the safety net.
    worker?.nudge();
    // Webhook events are written in the same transactions as replies, so the same nudge sends them.
    webhooks?.nudge();
  };
  const ctx = createAppContext(config, {
    db: database.db,
    classifier: deps.classifier,
    logger,
    onOutboxWrite: kick,
    now: deps.now,
  });
  worker = createOutboxWorker({
    db: database.db,
    adapters,
    policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.outbox.maxAttempts },
    batchSize: config.outbox.batchSize,
    leaseMs: config.outbox.leaseSeconds * 1000,
    limiter: createRateLimiter(config.outbox.rates),
    logger,
    now: ctx.now,
  });
  webhooks = createWebhookWorker({ db: database.db, logger, now: ctx.now, ...config.webhooks });
  const intake = createIntake(ctx, { ...DEFAULT_INBOUND_RETRY, maxAttempts: config.inboundMaxAttempts });
  const downloadAttachments = () => downloadPendingAttachments(ctx, { ...config.attachments, adapters });
  return { ctx, worker, webhooks, intake, downloadAttachments, kick };
}

function buildHttp(config: Config, services: Services, channels: Channels, logger: AppLogger) {
  return createHttpServer(services.ctx, channels.web, channels.adapters, {
    sessionTtlHours: config.sessionTtlHours,
    attachmentsDir: config.attachments.dir,
    cookieSecure: config.cookieSecure,
    publicBaseUrl: config.publicBaseUrl,
    attachmentMaxBytes: config.attachments.maxBytes,
    publicRateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    loginHashConcurrency: config.loginHashConcurrency,
    loginAttemptsPerMinute: config.loginAttemptsPerMinute,
    linkCodeTtlMinutes: config.escalation.linkCodeTtlMinutes,
    logger,
  });
}

/** Starts the channels and the HTTP listener; resolves with the listening URL. */
async function startChannels(
  config: Config,
  { adapters, web, open311 }: Channels,
  http: FastifyInstance,
  intake: Intake,
  logger: AppLogger,
): Promise<string> {
  // The web form and Open311 answer with what intake made (the tracking ID): they wait for the processing.
  // Webhooks and pollers need nothing back: they are answered once the message is stored.
  const sink = (m: IncomingMessage) => intake.ingest(m);
  const accept = (m: IncomingMessage) => intake.accept(m);
  // The form is served as soon as we listen, so its channel must be ready first; the others start after,
  // because a webhook registration makes the platform call us at once.
  await web.start(sink);
  await open311.start(sink);
  const url = await http.listen({ port: config.port, host: config.host });

  for (const adapter of adapters.values()) {
    if (adapter === web || adapter === open311) continue;
    try {
      await adapter.start(accept);
    } catch (err) {
      // One broken channel (a revoked token) must not take the others down.
      logger.error({ err, channel: adapter.name }, 'channel failed to start');
    }
  }
  return url;
}

/** Starts the cron jobs (unless the caller turned them off); resolves the function that stops them. */
function startRuntimeJobs(
  config: Config,
  deps: RuntimeDeps,
  database: Database,
  { ctx, worker, webhooks, intake, downloadAttachments }: Services,
  logger: AppLogger,
): () => Promise<void> {
  if (deps.jobs === false) return async () => {};
  return startJobs(
    [
      { name: 'outbox', schedule: config.outbox.cron, run: () => worker.drain() },
      { name: 'webhooks', schedule: config.outbox.cron, run: () => webhooks.drain() },
      { name: 'recover-inbound', schedule: '*/1 * * * *', run: () => intake.recover() },
      { name: 'attachments', schedule: '*/20 * * * * *', run: () => downloadAttachments() },
      sessionPurgeJob(database.db, ctx.now),
      ...escalationJobs(ctx, config.escalation),
    ],
    logger,
    config.timezone,
  );
}

interface Running {
  database: Database;
  services: Services;
  adapters: Map<ChannelName, ChannelAdapter>;
  http: FastifyInstance;
  stopJobs: () => Promise<void>;
}

/** The graceful stop, in order; see src/shutdown.ts. */
function stopRuntime(
  { database, services, adapters, http, stopJobs }: Running,
  timeoutMs: number,
  logger: AppLogger,
): Promise<boolean> {
  // At once, not after the HTTP close: the outbox claims nothing more and puts back what it has not
  // started, so other instances send it now; replies written by requests still finishing wait for them too.
  const outboxStopped = services.worker.stop();
  return runShutdown(
    [
      { name: 'jobs', run: stopJobs },
      // New connections are refused from here; requests under way get their answers.
      { name: 'http', run: () => closeHttp(http) },
      { name: 'outbox', run: () => outboxStopped },
      { name: 'webhooks', run: () => services.webhooks.settle() },
      // After the outbox: WhatsApp Web sends through the browser its stop() closes.
      { name: 'channels', run: () => Promise.all([...adapters.values()].map((a) => a.stop())) },
      // Messages webhooks and pollers accepted are stored; their processing finishes before the database
      // closes (anything cut short is processed by the recovery job of this or another instance).
      { name: 'intake', run: () => services.intake.settle() },
      { name: 'database', run: () => database.close() },
    ],
    timeoutMs,
    logger,
  );
}

/** Starts everything: migrations, seed, first admin, channels, HTTP, jobs. */
export async function startRuntime(config: Config, deps: RuntimeDeps): Promise<Runtime> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  assertValidSchedule('OUTBOX_CRON', config.outbox.cron);
  assertValidSchedule('ESCALATION_CRON', config.escalation.cron);
  const database = await openAndPrepareDatabase(config, logger);
  const channels = await buildAdapters(config, deps, database, logger);
  const { adapters } = channels;
  const services = buildServices(config, deps, database, adapters, logger);
  const { ctx, intake, worker, webhooks, downloadAttachments } = services;
  const http = await buildHttp(config, services, channels, logger);
  let stopping: Promise<boolean> | null = null;
  registerHealthProbes(http, { database, shuttingDown: () => stopping !== null });
  const url = await startChannels(config, channels, http, intake, logger);
  // Deliver what a previous run left pending, and finish messages it stored but did not process.
  await intake.recover(0);
  services.kick();
  const stopJobs = startRuntimeJobs(config, deps, database, services, logger);
  logger.info({ url, channels: [...adapters.keys()], database: database.provider }, 'kanal-aduan started');

  const running: Running = { database, services, adapters, http, stopJobs };
  return {
    ctx,
    downloadAttachments,
    database,
    intake,
    worker,
    webhooks,
    http,
    adapters,
    url,
    get stopping() {
      return stopping !== null;
    },
    stop(opts = {}) {
      stopping ??= stopRuntime(running, opts.timeoutMs ?? config.shutdownTimeoutMs, logger);
      return stopping;
    },
  };
}
