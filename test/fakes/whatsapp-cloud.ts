/**
 * A local fake of the WhatsApp Business Cloud API (Meta Graph API) for end-to-end tests: the app sends with
 * `fetch(`${fake.url}/${WHATSAPP_GRAPH_API_VERSION}/${phoneNumberId}/messages`)` and downloads media the way it
 * would from graph.facebook.com. Inbound traffic is the app's own webhook: build it with the *Webhook() helpers
 * (whatsapp-payloads.ts) and sign it with signWebhook().
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 */
import { createHash, randomBytes } from 'node:crypto';
import { asString, FaultQueue, type Fields, isFields, Notifier, requestBody, sendJson, serve } from './http-util.js';
import {
  createWebhookBuilders,
  newWamid,
  REENGAGEMENT_ERROR,
  signWebhook,
  type WaWebhook,
  type WebhookBuilders,
} from './whatsapp-payloads.js';

export type {
  InboundBase,
  WaInboundMessage,
  WaMetadata,
  WaStatus,
  WaWebhook,
  WebhookBuilders,
} from './whatsapp-payloads.js';
export { REENGAGEMENT_ERROR, signWebhook } from './whatsapp-payloads.js';

/** Graph API version the fake serves (paths are /v21.0/...). */
export const WHATSAPP_GRAPH_API_VERSION = 'v21.0';

/** One accepted POST /<phone-number-id>/messages (text, template, or any other type, recorded as sent). */
export interface WaSentMessage {
  wamid: string;
  phoneNumberId: string;
  to: string;
  type: string;
  text?: { body: string; preview_url?: boolean };
  template?: Fields;
  context?: { message_id: string };
  body: Fields;
}

/** A Graph API error the next send(s) should answer with, e.g. { status: 429, code: 130429, message: '…' }. */
export interface WaSendFault {
  status: number;
  code: number;
  message: string;
}

/** Handle returned by startFakeWhatsAppCloud(). */
export interface FakeWhatsAppCloud extends WebhookBuilders {
  /** Origin of the fake Graph API; requests go to `${url}/${WHATSAPP_GRAPH_API_VERSION}/...`. */
  readonly url: string;
  readonly phoneNumberId: string;
  readonly displayPhoneNumber: string;
  readonly wabaId: string;
  readonly sent: WaSentMessage[];
  /** Message ids the app marked as read ({"status":"read","message_id":…}). */
  readonly markedRead: string[];
  readonly requests: { method: string; path: string; status: number }[];
  /** Serves bytes for GET /<mediaId> (metadata) and its download URL. */
  registerMedia(mediaId: string, bytes: Uint8Array | string, mimeType?: string): void;
  /** Simulates the 24-hour window closing for a user: free-form (non-template) sends to waId fail with 131047. */
  closeWindow(waId: string): void;
  openWindow(waId: string): void;
  /** The next `times` sends fail with this Graph error instead of being accepted. */
  failNextSend(fault: WaSendFault, times?: number): void;
  /** "sha256=<hex HMAC>" of rawBody with the app secret: the X-Hub-Signature-256 header value. */
  signWebhook(rawBody: string): string;
  /** JSON body plus the headers Meta sends, ready to POST to the app's webhook endpoint. */
  signedWebhook(payload: WaWebhook): { rawBody: string; headers: Record<string, string> };
  waitForSent(predicate: (message: WaSentMessage) => boolean, timeoutMs?: number): Promise<WaSentMessage>;
  close(): Promise<void>;
}

/** Graph API error envelope (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
function graphError(status: number, code: number, message: string, extra: Fields = {}) {
  const fbtrace_id = randomBytes(8).toString('base64url');
  return { status, body: { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id } } };
}

const missing = (param: string) => graphError(400, 100, `(#100) The parameter ${param} is required.`);
const noSuchObject = (method: string, id: string) =>
  graphError(
    400,
    100,
    `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    {
      type: 'GraphMethodException',
      error_subcode: 33,
    },
  );

/** Starts the fake Graph API on an ephemeral port. */
export async function startFakeWhatsAppCloud(opts: {
  appSecret: string;
  accessToken: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  wabaId?: string;
}): Promise<FakeWhatsAppCloud> {
  const phoneNumberId = opts.phoneNumberId ?? '106540352242922';
  const displayPhoneNumber = opts.displayPhoneNumber ?? '15550783881';
  const wabaId = opts.wabaId ?? '102290129340398';
  const sent: WaSentMessage[] = [];
  const markedRead: string[] = [];
  const requests: FakeWhatsAppCloud['requests'] = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  const closedWindows = new Set<string>();
  const faults = new FaultQueue<WaSendFault>();
  const changed = new Notifier();
  let url = '';

  function send(body: Fields): { status: number; body: unknown } {
    if (body.messaging_product !== 'whatsapp') return missing('messaging_product');
    if (body.status === 'read') {
      const messageId = asString(body.message_id);
      if (!messageId) return missing('message_id');
      markedRead.push(messageId);
      return { status: 200, body: { success: true } };
    }
    // A business-scoped user id goes in `recipient` instead of `to` (users with a username and a hidden number).
    const to = asString(body.to) ?? asString(body.recipient);
    if (!to) return missing('to');
    const type = asString(body.type) ?? 'text';
    const text = isFields(body.text) ? body.text : undefined;
    if (type === 'text' && !asString(text?.body)) return missing("text['body']");
    const template = isFields(body.template) ? body.template : undefined;
    if (type === 'template' && (!asString(template?.name) || !isFields(template?.language))) return missing('template');
    const fault = faults.take('send');
    if (fault) return graphError(fault.status, fault.code, fault.message);
    const waId = asString(body.to) ? to.replace(/\D/g, '') : to;
    // Outside the 24-hour customer service window only templates go through. (The real API may instead accept
    // the send and report 131047 in a "failed" status webhook; statusWebhook() builds that one.)
    if (type !== 'template' && closedWindows.has(waId)) {
      return graphError(400, REENGAGEMENT_ERROR.code, `(#131047) ${REENGAGEMENT_ERROR.message}`, {
        error_data: { messaging_product: 'whatsapp', details: REENGAGEMENT_ERROR.error_data.details },
      });
    }
    const wamid = newWamid(waId);
    const record: WaSentMessage = { wamid, phoneNumberId, to, type, body };
    if (text) record.text = text as WaSentMessage['text'];
    if (template) record.template = template;
    if (isFields(body.context) && asString(body.context.message_id))
      record.context = { message_id: String(body.context.message_id) };
    sent.push(record);
    const message = type === 'template' ? { id: wamid, message_status: 'accepted' } : { id: wamid };
    return {
      status: 200,
      body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waId }], messages: [message] },
    };
  }

  function mediaInfo(mediaId: string): { status: number; body: unknown } {
    const found = media.get(mediaId);
    if (!found) return noSuchObject('get', mediaId);
    const sha256 = createHash('sha256').update(found.bytes).digest('hex');
    const download = `${url}/whatsapp_business/attachments/?mid=${encodeURIComponent(mediaId)}`;
    const info = { url: download, mime_type: found.mimeType, sha256, file_size: found.bytes.length, id: mediaId };
    return { status: 200, body: { messaging_product: 'whatsapp', ...info } };
  }

  const served = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const authorised = req.headers.authorization === `Bearer ${opts.accessToken}`;
    let reply: { status: number; body: unknown } = noSuchObject(method.toLowerCase(), path.pathname);
    const sendPath = new RegExp(`^/${WHATSAPP_GRAPH_API_VERSION}/([^/]+)/messages$`).exec(path.pathname);
    const mediaPath = new RegExp(`^/${WHATSAPP_GRAPH_API_VERSION}/([^/]+)$`).exec(path.pathname);
    const body = await requestBody(req);
    if (!authorised) {
      reply = graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    } else if (method === 'POST' && sendPath) {
      reply = sendPath[1] === phoneNumberId ? send(body) : noSuchObject('post', sendPath[1] ?? '');
    } else if (method === 'GET' && mediaPath) {
      reply = mediaInfo(decodeURIComponent(mediaPath[1] ?? ''));
    } else if (method === 'GET' && path.pathname === '/whatsapp_business/attachments/') {
      const found = media.get(path.searchParams.get('mid') ?? '');
      if (found) {
        requests.push({ method, path: path.pathname, status: 200 });
        res.writeHead(200, { 'content-type': found.mimeType, 'content-length': found.bytes.length });
        return void res.end(found.bytes);
      }
    }
    requests.push({ method, path: path.pathname, status: reply.status });
    sendJson(res, reply.status, reply.body);
    changed.notify();
  });
  url = served.url;

  const metadata = { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId };
  const sign = (rawBody: string) => signWebhook(opts.appSecret, rawBody);
  return {
    url,
    phoneNumberId,
    displayPhoneNumber,
    wabaId,
    sent,
    markedRead,
    requests,
    ...createWebhookBuilders(metadata, wabaId),
    registerMedia(mediaId, bytes, mimeType = 'image/jpeg') {
      media.set(mediaId, { bytes: Buffer.from(bytes), mimeType });
    },
    closeWindow: (waId) => void closedWindows.add(waId),
    openWindow: (waId) => void closedWindows.delete(waId),
    failNextSend: (fault, times = 1) => faults.add('send', fault, times),
    signWebhook: sign,
    signedWebhook(payload) {
      const rawBody = JSON.stringify(payload);
      return { rawBody, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(rawBody) } };
    },
    waitForSent(predicate, timeoutMs = 5000) {
      const describe = () => `No matching WhatsApp send; sent so far: ${JSON.stringify(sent.map((m) => m.body))}`;
      return changed.until(() => sent.find(predicate), timeoutMs, describe);
    },
    close: served.close,
  };
}
