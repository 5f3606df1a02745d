// One-off helper to connect the city's X account: runs X's OAuth 2.0 authorization-code flow with PKCE
// (https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token) against a local
// callback and prints the first token pair for the X_* settings. Run by an operator, never by the server:
//   npx tsx adapters/x/authorize.ts
import http from 'node:http';
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { TwitterApi } from 'twitter-api-v2';
import { xClientSettings } from './session.js';
import { X_DEFAULTS, type XTokenPair } from './types.js';

/** Scopes the adapter needs; offline.access is what makes X issue a refresh token. */
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'dm.read', 'dm.write', 'offline.access'];

/** The callback registered in the X app settings by default (any free local port works if registered). */
export const DEFAULT_CALLBACK_URL = 'http://127.0.0.1:3939/callback';

/** Serves `callback` until X redirects the browser to it; resolves with the code when `state` matches. */
export function waitForCallback(callback: URL, state: string, onListening: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', callback);
      if (url.pathname !== callback.pathname) return void res.writeHead(404).end();
      const code = url.searchParams.get('code');
      const ok = code !== null && url.searchParams.get('state') === state;
      res.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(ok ? 'Akun X terhubung. Jendela ini boleh ditutup.' : 'Otorisasi gagal atau dibatalkan.');
      server.close();
      if (ok) resolve(code);
      // A state mismatch means the redirect did not come from the link we printed (CSRF guard).
      else reject(new Error(`authorisation failed: ${url.searchParams.get('error') ?? 'state mismatch'}`));
    });
    server.once('error', reject);
    server.listen(Number(callback.port || 80), callback.hostname, onListening);
  });
}

/** Runs the whole flow: link, consent in a browser, code exchange; returns the pair and the account name. */
export async function authorizeXAccount(opts: {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  apiBaseUrl?: string;
  showLink: (url: string) => void;
}): Promise<XTokenPair & { username: string }> {
  const settings = xClientSettings(opts.apiBaseUrl ?? X_DEFAULTS.apiBaseUrl);
  const app = new TwitterApi({ clientId: opts.clientId, clientSecret: opts.clientSecret }, settings);
  const link = app.generateOAuth2AuthLink(opts.callbackUrl, { scope: X_SCOPES });
  const code = await waitForCallback(new URL(opts.callbackUrl), link.state, () => opts.showLink(link.url));
  const login = await app.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: opts.callbackUrl });
  if (!login.refreshToken) throw new Error('X issued no refresh token: the app must allow the offline.access scope');
  const me = await login.client.v2.me();
  return { accessToken: login.accessToken, refreshToken: login.refreshToken, username: me.data.username };
}

async function main(): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const clientId = (await rl.question('OAuth 2.0 Client ID: ')).trim();
  const clientSecret = (await rl.question('OAuth 2.0 Client Secret: ')).trim();
  const callbackUrl = (await rl.question(`Callback URL [${DEFAULT_CALLBACK_URL}]: `)).trim() || DEFAULT_CALLBACK_URL;
  rl.close();
  const result = await authorizeXAccount({
    clientId,
    clientSecret,
    callbackUrl,
    showLink: (url) => console.log(`\nLog in as the city's account, then open this link and allow access:\n\n${url}\n`),
  });
  console.log(`Connected @${result.username}. Put these in the server's environment (keep them secret):\n`);
  console.log(`X_CLIENT_ID=${clientId}\nX_CLIENT_SECRET=${clientSecret}`);
  console.log(`X_ACCESS_TOKEN=${result.accessToken}\nX_REFRESH_TOKEN=${result.refreshToken}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
