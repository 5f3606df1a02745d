// The set-up every admin-UI browser test shares: the real product on a fresh SQLite database with its Telegram
// channel pointed at the fake Bot API, and headless Chromium once the test asks for it. Kept in one place so each
// test file reads as what it checks, and so every file tears down the same things in the same order.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Runtime, RuntimeDeps } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { launchChromium, loggedInBrowser, newPerson } from './browser.js';
import { freshDatabase, type TestDatabase } from './databases.js';
import { startTestRuntime } from './runtime.js';

type Person = { context: BrowserContext; page: Page; problems: string[] };

export interface AdminUi {
  /** The fake Telegram Bot API the runtime's bot talks to. */
  readonly fake: FakeTelegram;
  readonly rt: Runtime;
  /** Chromium, once `launch()` or `signIn()` started it. */
  readonly browser: Browser;
  /** The page errors and CSP reports of every page opened through `signIn()` and `person()`, one list a page. */
  readonly problems: string[][];
  /** Starts Chromium without anyone logged in. */
  launch(): Promise<Browser>;
  /** Starts Chromium with one page logged in through the UI's own form (as `loggedInBrowser`). */
  signIn(creds: { email: string; password: string }): Promise<{ browser: Browser; page: Page; problems: string[] }>;
  /** One more person (own cookie jar) in the running Chromium, whose page errors join `problems`. */
  person(size?: 'desktop' | 'phone'): Promise<Person>;
}

/**
 * Registers beforeAll/afterAll in the calling describe: before, the fake Bot API, a fresh SQLite database and
 * the runtime (with `env` and `deps` added); after, the browser, the runtime, the fake and the database, in
 * that order. `deps` is a function so that what it builds (a fake adapter) is made when the suite starts.
 * The fields can be read from the suite's own hooks and tests.
 */
export function adminUiHarness(
  options: { env?: Record<string, string>; deps?: () => Partial<RuntimeDeps> } = {},
): AdminUi {
  let fake: FakeTelegram | undefined;
  let database: TestDatabase | undefined;
  let rt: Runtime | undefined;
  let browser: Browser | undefined;
  const problems: string[][] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: read it inside a hook or a test`);
    return value;
  };
  const notYetLaunched = () => {
    if (browser) throw new Error('Chromium is already running for this suite');
  };

  beforeAll(async () => {
    fake = await startFakeTelegram();
    database = await freshDatabase('sqlite');
    rt = await startTestRuntime(
      { DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...options.env },
      options.deps?.(),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.stop();
    await fake?.close();
    await database?.drop();
  });

  return {
    get fake() {
      return started(fake, 'the fake Bot API');
    },
    get rt() {
      return started(rt, 'the runtime');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    problems,
    async launch() {
      notYetLaunched();
      browser = await launchChromium();
      return browser;
    },
    async signIn({ email, password }) {
      notYetLaunched();
      const session = await loggedInBrowser(started(rt, 'the runtime').url, email, password);
      browser = session.browser;
      problems.push(session.problems);
      return session;
    },
    async person(size = 'desktop') {
      const someone = await newPerson(started(browser, 'Chromium'), started(rt, 'the runtime').url, size);
      problems.push(someone.problems);
      return someone;
    },
  };
}
