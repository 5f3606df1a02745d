// The outbound half: a tiny Graph API client over fetch (no SDK), every call with a timeout and its failure
// classified by errors.ts.
// https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
import { z } from 'zod';
import { ChannelSendError } from '../../src/channels/contract.js';
import { mapFetchFailure, mapGraphError } from './errors.js';
import type { WhatsAppCloudConfig } from './types.js';

/** Every Graph call gives up after this long; the outbox retries a timeout as transient. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** The fetch signature the client needs (the global one by default; injectable for tests). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const sendResponse = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const mediaResponse = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

/** Metadata of a media object: a short-lived download URL, its type and size. */
export interface MediaInfo {
  url: string;
  mimeType?: string;
  fileSize?: number;
}

/** Sends messages and fetches media for one business phone number. */
export interface GraphClient {
  /** POSTs a /messages body; resolves with the wamid Meta assigned. */
  sendMessage(body: Record<string, unknown>): Promise<string>;
  /** GET /<media-id>. */
  mediaInfo(mediaId: string): Promise<MediaInfo>;
  /** GETs a media URL with the token, refusing more than maxBytes. */
  downloadUrl(url: string, maxBytes: number): Promise<{ bytes: Buffer; contentType?: string }>;
}

/** What every Graph call needs: the versioned base URL, the token and the fetch to use. */
interface GraphContext {
  config: WhatsAppCloudConfig;
  fetchImpl: FetchLike;
  base: string;
}

/** Creates the Graph API client. */
export function createGraphClient(config: WhatsAppCloudConfig, fetchImpl: FetchLike): GraphClient {
  const g: GraphContext = {
    config,
    fetchImpl,
    base: `${config.graphBaseUrl.replace(/\/+$/, '')}/${config.apiVersion}`,
  };
  return {
    sendMessage: (body) => sendMessage(g, body),
    mediaInfo: (mediaId) => mediaInfo(g, mediaId),
    downloadUrl: (url, maxBytes) => downloadUrl(g, url, maxBytes),
  };
}

async function sendMessage(g: GraphContext, body: Record<string, unknown>): Promise<string> {
  const what = 'send';
  const res = await call(g, what, `${g.base}/${encodeURIComponent(g.config.phoneNumberId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
  });
  const answer = await json(what, res, sendResponse);
  return answer.messages[0]?.id ?? '';
}

async function mediaInfo(g: GraphContext, mediaId: string): Promise<MediaInfo> {
  const what = 'media lookup';
  const res = await call(g, what, `${g.base}/${encodeURIComponent(mediaId)}`);
  const info = await json(what, res, mediaResponse);
  return { url: info.url, mimeType: info.mime_type, fileSize: info.file_size };
}

async function downloadUrl(
  g: GraphContext,
  url: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; contentType?: string }> {
  const what = 'media download';
  const res = await call(g, what, url);
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(declared, maxBytes);
  }
  // Count while reading: a missing or lying content-length must not fill memory. Leaving the loop early
  // cancels the stream.
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) break;
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    throw mapFetchFailure(err, what);
  }
  if (total > maxBytes) throw tooLarge(total, maxBytes);
  return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? undefined };
}

async function call(g: GraphContext, what: string, url: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await g.fetchImpl(url, {
      ...init,
      headers: { authorization: `Bearer ${g.config.accessToken}`, ...init.headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw mapFetchFailure(err, what);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw mapGraphError(res.status, text, res.headers.get('retry-after'));
  }
  return res;
}

async function json<T>(what: string, res: Response, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await res.json();
  } catch (err) {
    throw mapFetchFailure(err, `${what} (reading the answer)`);
  }
  const parsed = schema.safeParse(body);
  // A 2xx we cannot read: retrying may send twice, but losing the reply is worse (at-least-once).
  if (!parsed.success) {
    throw new ChannelSendError(`WhatsApp Graph API ${what}: unexpected answer ${JSON.stringify(body)}`, 'transient');
  }
  return parsed.data;
}

/** A file over the caller's limit: retrying cannot make it smaller. */
export function tooLarge(size: number, maxBytes: number): ChannelSendError {
  return new ChannelSendError(
    `WhatsApp media is at least ${size} bytes, more than the ${maxBytes} bytes allowed; not downloaded`,
    'permanent',
  );
}
