// The complaint actions as API calls, shared by the queue (shortcuts, bulk) and the complaint page.
import { api, newRequestId } from './api.js';

const path = (id: string) => `/api/complaints/${encodeURIComponent(id)}`;

/** Input of a status change; `note` stays internal, `publicNote` reaches the reporter. */
export interface TransitionBody {
  action: string;
  agency?: string;
  note?: string;
  publicNote?: string;
  expectedStatus?: string;
}

/** Verify and forward to the suggested agency in one step. */
export function accept(id: string, expectedStatus: string) {
  return api<{ trackingId: string; from: string; to: string }>('POST', `${path(id)}/accept`, { expectedStatus });
}

/** Any status change of the process. */
export function transition(id: string, body: TransitionBody) {
  return api<{ trackingId: string; from: string; to: string }>('POST', `${path(id)}/transitions`, body);
}

/** One action on many complaints; the answer says which succeeded. */
export function bulk(trackingIds: string[], body: Omit<TransitionBody, 'expectedStatus'>) {
  return api<{ results: { trackingId: string; ok: boolean; error?: string }[] }>('POST', '/api/complaints/bulk', {
    trackingIds,
    ...body,
  });
}

/** Free text to the reporter on their own channel; the request id makes a double send impossible. */
export function reply(id: string, text: string, requestId = newRequestId()) {
  return api<{ outboxId: string }>('POST', `${path(id)}/replies`, { text, requestId });
}

/** An internal note (nobody outside sees it) or a public follow-up note (sent to the reporter). */
export function addNote(id: string, body: string, visibility: 'internal' | 'public', requestId = newRequestId()) {
  return api<{ id: string }>('POST', `${path(id)}/notes`, { body, visibility, requestId });
}

/** Merges complaint `id` into `into`; both reporters keep getting updates. */
export function merge(id: string, into: string) {
  return api<{ trackingId: string; mergedInto: string }>('POST', `${path(id)}/merge`, { into });
}

/** Moves one message out of the complaint into a new complaint. */
export function split(id: string, messageId: string) {
  return api<{ trackingId: string }>('POST', `${path(id)}/split`, { messageId });
}

/** Corrects the suggested agency (category) or the location. */
export function correct(
  id: string,
  body: { suggestedAgency?: string; latitude?: number; longitude?: number; locationText?: string },
) {
  return api<unknown>('PATCH', path(id), body);
}

/** Officer: sends the complaint back to Diskominfo as "salah alamat". */
export function returnToReview(id: string, reason: string) {
  return api<unknown>('POST', `${path(id)}/return`, { reason });
}

/** Officer: an evidence photo, read in the browser and sent as base64 JSON (no form bodies on the API). */
export async function uploadEvidence(id: string, file: File) {
  const buf = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return api<unknown>('POST', `${path(id)}/attachments`, {
    fileName: file.name,
    mimeType: file.type,
    dataBase64: btoa(bin),
  });
}

/** Puts a failed delivery back in the outbox. */
export function retryDelivery(outboxId: string) {
  return api<{ ok: true }>('POST', `/api/outbox/${encodeURIComponent(outboxId)}/retry`, {});
}
