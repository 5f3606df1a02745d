// The adapter contract every channel implements. The domain core sees only these types; no channel SDK is
// imported outside adapters/<channel>/.

/** Channels the product knows. */
export const CHANNELS = ['telegram', 'whatsapp', 'x', 'web', 'open311'] as const;
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
  /**
   * Who sent it. `phone` only when the platform proves it (a WhatsApp sender's own number, a Telegram contact
   * whose user_id is the sender): it links identities of one person, so a typed number must never go here.
   */
  sender: { externalId: string; displayName?: string; phone?: string };
  /** Contact details the reporter typed (the web form): kept for admins, never used to link identities. */
  contact?: string;
  /** Where replies go: an opaque channel-prefixed address such as "telegram:42". */
  replyAddress: string;
  /** What was written; an `event` (edit, deletion, reaction, delivery status, service message) has its own kind. */
  kind: 'text' | 'photo' | 'location' | 'contact' | 'unsupported' | InboundEvent['type'];
  text: string;
  attachments: IncomingAttachment[];
  location?: { latitude: number; longitude: number };
  /** A public post (an X mention): chatter is stored for review but never answered in public. */
  public?: boolean;
  /** True when the reporter filed this explicitly as a complaint (a form): never dismissed as chatter. */
  explicit?: boolean;
  /** Something that happened to an earlier message or to the conversation, not a new message. Never answered. */
  event?: InboundEvent;
  /** Where it was written. Absent: a private chat with the bot. */
  conversation?: { type: 'private' | 'group'; id: string; title?: string; addressed: boolean };
  /** The platform's id of this message (Telegram "<chat>:<message_id>", a wamid) that later events refer to. */
  platformMessageId?: string;
  /** Reporter's privacy choice where the channel collects it up front (the web form). */
  privacy?: 'named' | 'anonim' | 'rahasia';
  /** A reporter acting on one of their own complaints (the web channel's private page). */
  followUp?: ReporterFollowUp;
  receivedAt: Date;
  raw: unknown;
}

/**
 * An event a platform reports besides new messages. `target` is the platformMessageId of the message it is
 * about (for a delivery status: the id our send returned). A platform failure says whether trying again helps.
 */
export type InboundEvent =
  | { type: 'edit'; target: string }
  | { type: 'delete'; target: string }
  | { type: 'reaction'; target: string; emoji: string }
  | { type: 'status'; target: string; status: string; failure?: { kind: SendFailureKind; reason: string } }
  /** Service and membership updates; `reachable` is set when the user blocked (false) or unblocked the bot. */
  | { type: 'system'; description: string; reachable?: boolean };

/** What a reporter can do on their private page; intake checks the complaint is theirs. */
export interface ReporterFollowUp {
  trackingId: string;
  /** add: more information or an answer; reopen: "not fixed"; confirm: "fixed, thanks"; rate: 1-5 with words. */
  action: 'add' | 'reopen' | 'confirm' | 'rate';
  rating?: number;
}

/** What a channel returns after the platform accepted a message. */
export interface SendReceipt {
  platformMessageId: string;
}

/** What intake made of an inbound message, so a caller (the web form) never polls the database for it. */
export type InboundResult = (
  | { duplicate: false; messageId: string }
  /** Stored before (a retried delivery, a double submit): what the first delivery made, as far as it is known. */
  | { duplicate: true; messageId?: string }
) & {
  /** The complaint the message opened or joined; null for chatter, commands, or while still unprocessed. */
  complaintId: string | null;
  trackingId: string | null;
};

/**
 * Receives every inbound message; resolves only after the message is stored. Adapters that need nothing back
 * ignore the result (a test sink may return nothing).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: sinks that return nothing (tests, older adapters) stay valid
export type InboundSink = (message: IncomingMessage) => Promise<InboundResult | undefined | void>;

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
  /** Parts of an accepted batch that could not be understood: the HTTP layer keeps each raw for inspection. */
  malformed?: { raw: unknown; error: string }[];
}

/** A downloaded platform file. */
export interface DownloadedFile {
  bytes: Buffer;
  mimeType: string;
}

/**
 * A channel adapter: four members every channel has, and four that only some platforms need. The HTTP layer
 * mounts `webhook` at /webhooks/<name> and lets `routes` add the channel's own admin pages; the attachment job
 * calls `download` for files the platform holds; the channel list asks `health` where the adapter knows best.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  start(sink: InboundSink): Promise<void>;
  stop(): Promise<void>;
  send(address: string, text: string): Promise<SendReceipt>;
  webhook?(req: WebhookRequest): Promise<WebhookResponse>;
  download?(platformFileId: string, maxBytes: number): Promise<DownloadedFile>;
  /** A connection the adapter holds itself (a linked WhatsApp Web session); others are judged from the database. */
  health?(): ChannelHealth;
  /** Mounts the channel's own admin pages (WhatsApp Web's QR page) through the HTTP layer's narrow view. */
  routes?(http: ChannelHttp): void;
}

/** The state of a connection an adapter holds itself, as the admin's channel list shows it. */
export interface ChannelHealth {
  state: 'connected' | 'disconnected' | 'needs_qr';
  detail: string;
  /** The QR to scan (a data: URL) while the session waits for one; shown to admins only. */
  qrDataUrl?: string;
}

/** What a channel's admin page answers: a page, or where to go next (after a form's POST). */
export type ChannelPageResult = { html: string } | { redirect: string };

/**
 * The HTTP server as a channel sees it: admin-only pages, so no adapter needs the web framework, the session
 * store or the role rules. The HTTP layer checks the admin session before `handle` runs.
 */
export interface ChannelHttp {
  adminPage(
    method: 'GET' | 'POST',
    path: string,
    handle: (admin: { email: string }) => Promise<ChannelPageResult>,
  ): void;
  /** The city's time zone, for dates on pages. */
  readonly timeZone: string;
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

/** A permanent send failure because the user blocked the bot or left the platform: later sends stop too. */
export class RecipientUnreachableError extends ChannelSendError {
  constructor(message: string, status?: number) {
    super(message, 'permanent', undefined, status);
    this.name = 'RecipientUnreachableError';
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
