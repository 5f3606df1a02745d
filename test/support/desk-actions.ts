// What the desk does to a complaint through the real admin API, for the channel round trips that then check
// what the reporter was sent.
import { expect } from 'vitest';
import { adminClient } from './runtime.js';

/**
 * Logs in as the admin, verifies the complaint and forwards it to DPUTR, checking each transition went through;
 * returns the admin's client for what the test does next.
 */
export async function verifyAndForwardToDputr(baseUrl: string, trackingId: string) {
  const api = await adminClient(baseUrl);
  expect((await api('POST', `/api/complaints/${trackingId}/transitions`, { action: 'verify' })).status).toBe(200);
  const fwd = await api('POST', `/api/complaints/${trackingId}/transitions`, { action: 'forward', agency: 'DPUTR' });
  expect(fwd.body).toMatchObject({ from: 'verified', to: 'forwarded' });
  return api;
}
