// The shapes the WhatsApp Web adapter reads from whatsapp-web.js 1.34.7, narrowed to what we use. The library
// types are loose (Location's latitude is typed string but is a number at runtime, `_data` is untyped), so
// everything past this port is ours: a fake EventEmitter client can stand in for the real one in tests.
// https://github.com/wwebjs/whatsapp-web.js/blob/main/index.d.ts
import type { WhatsAppWebConfig } from '../../src/config/channel-settings.js';

/** Resolved by src/config, which owns the shape so that it never imports an adapter. */
export type { WhatsAppWebConfig };

/** Defaults for every WhatsAppWebConfig field. */
export const WHATSAPP_WEB_DEFAULTS: Required<WhatsAppWebConfig> = {
  sessionDir: 'data/wwebjs',
  clientId: 'kanal-aduan',
  chromiumPath: '/usr/bin/chromium',
  headless: true,
  minSendIntervalMs: 1000,
};

/** Location as the library builds it from `data.lat`/`data.lng` (numbers at runtime, strings in index.d.ts). */
export interface WaLocationLike {
  latitude: number | string;
  longitude: number | string;
  name?: string;
  address?: string;
  description?: string;
}

/** Downloaded media: base64 data, as the library's MessageMedia. */
export interface WaMediaLike {
  mimetype: string;
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

/** The raw WA Web model fields we read from `message._data` (not in the library's public types). */
export interface WaRawDataLike {
  notifyName?: string;
  mimetype?: string;
  size?: number;
  filename?: string;
  /** Stanza id (the `id.id` part) of the quoted message when this is a reply. */
  quotedStanzaID?: string;
  quotedParticipant?: string | { _serialized: string };
}

/** The fields of a library Message that the adapter reads. */
export interface WaMessageLike {
  id: { _serialized: string; fromMe: boolean; remote: string; id?: string };
  /** Chat id: "628…@c.us" (or "…@lid"); "…@g.us" for groups, "status@broadcast" for statuses. */
  from: string;
  to?: string;
  /** The sender inside a group. */
  author?: string;
  fromMe: boolean;
  /** Text, or the caption when hasMedia. */
  body: string;
  /** `chat | image | document | location | vcard | multi_vcard | sticker | ptt | audio | video | …` */
  type: string;
  /** Unix seconds. */
  timestamp: number;
  hasMedia: boolean;
  hasQuotedMsg: boolean;
  location?: WaLocationLike;
  vCards?: string[];
  _data?: WaRawDataLike;
  downloadMedia?: () => Promise<WaMediaLike | null | undefined>;
}

/** What sendMessage resolves to; the library returns undefined when WA Web found no chat. */
export interface WaSentMessage {
  id: { _serialized: string };
}

/** Options we pass to sendMessage (a subset of the library's MessageSendOptions). */
export interface WaSendOptions {
  linkPreview?: boolean;
  quotedMessageId?: string;
}

/** The client events the supervisor listens to, with the payload the library emits for each. */
export interface WaClientEvents {
  qr: (qr: string) => void;
  authenticated: () => void;
  auth_failure: (message: string) => void;
  ready: () => void;
  message: (message: WaMessageLike) => void;
  /** The sender edited a message: `message` is the edited one (its id is the original's). */
  message_edit: (message: WaMessageLike, newBody: string, prevBody: string) => void;
  /** The sender deleted a message for everyone: `after` is the revoked stub, `before` the original if cached. */
  message_revoke_everyone: (after: WaMessageLike, before?: WaMessageLike | null) => void;
  /** `reason` is a WAState ("NAVIGATION", "CONFLICT", "TOS_BLOCK", …) or "LOGOUT". */
  disconnected: (reason: string) => void;
  change_state: (state: string) => void;
}

/** The subset of the library's Client the adapter uses. */
export interface WaClientPort {
  on<E extends keyof WaClientEvents>(event: E, listener: WaClientEvents[E]): unknown;
  removeListener<E extends keyof WaClientEvents>(event: E, listener: WaClientEvents[E]): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: string, options?: WaSendOptions): Promise<WaSentMessage | null | undefined>;
  getMessageById?(messageId: string): Promise<WaMessageLike | null | undefined>;
}
