// The product on a fresh database with only its own doors (web form, public API), and a complaint filed the
// way a citizen's browser files it: for tests that need neither a messaging fake nor an admin session.
import { randomBytes } from 'node:crypto';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, type PROVIDERS, type TestDatabase } from './databases.js';
import { startTestRuntime } from './runtime.js';

/** A fresh database of `provider` and the product started on it (`env` adds settings). */
export async function startRuntimeOnFreshDatabase(
  provider: (typeof PROVIDERS)[number],
  env: Record<string, string> = {},
): Promise<{ database: TestDatabase; rt: Runtime }> {
  const database = await freshDatabase(provider);
  return { database, rt: await startTestRuntime({ DATABASE_URL: database.url, ...env }) };
}

/** POSTs a complaint to /lapor as the form's script does; resolves the tracking ID, throws on any refusal. */
export async function postLapor(baseUrl: string, body: Record<string, string>): Promise<string> {
  const r = await fetch(`${baseUrl}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await r.json()) as { trackingId?: string };
  if (r.status !== 201 || !answer.trackingId) throw new Error(`web form: ${r.status} ${JSON.stringify(answer)}`);
  return answer.trackingId;
}

/** Files `text` through POST /lapor with a new submission id; resolves the tracking ID it answers. */
export function fileWebComplaint(baseUrl: string, text: string, privacy = 'named'): Promise<string> {
  return postLapor(baseUrl, { submissionId: randomBytes(16).toString('base64url'), text, privacy });
}
