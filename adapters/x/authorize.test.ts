// The account-connection helper: the link it prints, its local callback, and the code exchange it sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeX } from '../../test/fakes/x-api.js';
import { authorizeXAccount, waitForCallback, X_SCOPES } from './authorize.js';

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('authorize helper', () => {
  it('accepts the redirect only with the state it issued', async () => {
    const callback = new URL(`http://127.0.0.1:${await freePort()}/callback`);
    const forged = waitForCallback(callback, 'expected-state', () => {
      void fetch(`${callback}?code=abc&state=other`);
    });
    await expect(forged).rejects.toThrow('state mismatch');
    const genuine = waitForCallback(callback, 'expected-state', () => {
      void fetch(`${callback}?code=abc&state=expected-state`);
    });
    await expect(genuine).resolves.toBe('abc');
  });

  it('asks for the scopes the adapter needs and exchanges the code with its PKCE verifier', async () => {
    const fake = await startFakeX();
    onTestFinished(() => fake.close());
    const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
    let link = new URL('about:blank');
    const run = authorizeXAccount({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      callbackUrl,
      apiBaseUrl: fake.url,
      showLink(url) {
        link = new URL(url);
        // What the browser does once the city's account approved: X redirects back with code and state.
        void fetch(`${callbackUrl}?code=consent-code&state=${link.searchParams.get('state')}`);
      },
    });
    // The fake X only grants refresh_token, so the exchange is refused; what was sent is what matters here.
    await expect(run).rejects.toMatchObject({ code: 400 });
    expect(link.origin + link.pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(link.searchParams.get('scope')?.split(' ')).toEqual(X_SCOPES);
    // twitter-api-v2 sends "s256"; X accepts either case.
    expect(link.searchParams.get('code_challenge_method')?.toUpperCase()).toBe('S256');
    const exchange = fake.requests.find((r) => r.endpoint === 'POST /2/oauth2/token');
    expect(exchange?.body).toMatchObject({
      grant_type: 'authorization_code',
      code: 'consent-code',
      redirect_uri: callbackUrl,
      code_verifier: expect.any(String),
    });
  });
});
