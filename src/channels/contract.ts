// The adapter contract every channel implements. The domain core sees only these types; no channel SDK is
// imported outside adapters/<channel>/.

/** Channels the product knows. */
export const CHANNELS = ['telegram', 'whatsapp', 'x', 'web'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** A photo, document or other file the platform holds for us. */
export interface IncomingAttachment {
  kind: 'photo' | 'document';
  platformFileId: string;
  mimeType?: string;
  sizeBytes?: number;
}

/** A platform message normalised eagerly; `raw` keeps the original payload for audit and reprocessing. */
export interface IncomingMessage {
  channel: ChannelName;
  /** Unique per channel for one delivery of one platform message (Telegram update_id, wamid, tweet id). */
  externalId: string;
  sender: { externalId: string; displayName?: string; phone?: string };
  /** Where replies go: an opaque channel-prefixed address such as "telegram:42". */
  replyAddress: string;
  kind: 'text' | 'photo' | 'location' | 'contact' | 'unsupported';
  text: string;
  attachments: IncomingAttachment[];
  location?: { latitude: number; longitude: number };
  /** A public post (an X mention): chatter is stored for review but never answered in public. */
  public?: boolean;
  /** True when the reporter filed this explicitly as a complaint (a form): never dismissed as chatter. */
  explicit?: boolean;
  /** Reporter's privacy choice where the channel collects it up front (the web form). */
  privacy?: 'named' | 'anonim' | 'rahasia';
  receivedAt: Date;
  raw: unknown;
}

/** What a channel returns after the platform accepted a message. */
export interface SendReceipt {
  platformMessageId: string;
}

/** Receives every inbound message; resolves only after the message is stored. */
export type InboundSink = (message: IncomingMessage) => Promise<void>;

/** A raw HTTP request as a webhook adapter needs it: the exact bytes matter for signature checks. */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** What the HTTP layer answers; `body` is sent as JSON unless it is a string. */
export interface WebhookResponse {
  status: number;
  body?: unknown;
}

/** A downloaded platform file. */
export interface DownloadedFile {
  bytes: Buffer;
  mimeType: string;
}

/**
 * A channel adapter: four members every channel has, and two that only some platforms need. The HTTP layer
 * mounts `webhook` at /webhooks/<name>; the attachment job calls `download` for files the platform holds.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  start(sink: InboundSink): Promise<void>;
  stop(): Promise<void>;
  send(address: string, text: string): Promise<SendReceipt>;
  webhook?(req: WebhookRequest): Promise<WebhookResponse>;
  download?(platformFileId: string, maxBytes: number): Promise<DownloadedFile>;
}

/**
 * How a failed send should be treated. Adapters map platform errors to this; the outbox's retry policy is
 * the one place that turns it into "try again at T" or "give up".
 */
export type SendFailureKind = 'transient' | 'rate_limited' | 'permanent';

/** A send failure, classified by the adapter that understands the platform's error. */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly kind: SendFailureKind,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}

/** Builds an address: `telegram:42`. */
export function formatAddress(channel: ChannelName, id: string): string {
  return `${channel}:${id}`;
}

/** Splits an address into its channel and platform id; throws on anything that is not ours. */
export function parseAddress(address: string): { channel: ChannelName; id: string } {
  const i = address.indexOf(':');
  const channel = address.slice(0, i);
  const id = address.slice(i + 1);
  if (i <= 0 || id.length === 0 || !(CHANNELS as readonly string[]).includes(channel)) {
    throw new ChannelSendError(`not a channel address: ${address}`, 'permanent');
  }
  return { channel: channel as ChannelName, id };
}
