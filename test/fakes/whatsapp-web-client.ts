// Test double for the whatsapp-web.js Client, injected through the adapter's `createClient` (no module mocks).
// A FakeWhatsApp "hub" plays WhatsApp's side: it creates a FakeWaClient per (re)connect, records every send
// across clients, and builds messages shaped like the library's Message (see fixtures/).
import { EventEmitter } from 'node:events';
import type {
  WaClientPort,
  WaMediaLike,
  WaMessageLike,
  WaSendOptions,
  WaSentMessage,
} from '../../adapters/whatsapp-web/types.js';

/** A message the bot sent, as WhatsApp accepted it. */
export interface FakeSent {
  to: string;
  body: string;
  options?: WaSendOptions;
  id: string;
}

/** One fake client; `initialize()` goes straight to ready unless the hub says otherwise. */
export class FakeWaClient extends EventEmitter implements WaClientPort {
  initializeCalls = 0;
  destroyed = false;

  constructor(private readonly hub: FakeWhatsApp) {
    super();
  }

  async initialize(): Promise<void> {
    this.initializeCalls++;
    if (this.hub.initializeError) throw this.hub.initializeError;
    // queueMicrotask (not setImmediate) so vitest's fake timers do not hold the connection back.
    if (this.hub.autoReady) queueMicrotask(() => this.becomeReady());
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async sendMessage(chatId: string, content: string, options?: WaSendOptions): Promise<WaSentMessage> {
    if (this.destroyed) throw new Error('Protocol error (Runtime.callFunctionOn): Session closed.');
    const failure = this.hub.nextFailure();
    if (failure) throw failure;
    const id = `true_${chatId}_3EB0${String(this.hub.sent.length + 1).padStart(16, '0')}`;
    this.hub.sent.push({ to: chatId, body: content, options, id });
    return { id: { _serialized: id } };
  }

  async getMessageById(messageId: string): Promise<WaMessageLike | undefined> {
    return this.hub.delivered.get(messageId);
  }

  /** authenticated, then ready: what the library emits with a restored session. */
  becomeReady(): void {
    this.emit('authenticated');
    this.emit('ready');
  }
}

/** WhatsApp's side of the conversation for tests. */
export class FakeWhatsApp {
  readonly clients: FakeWaClient[] = [];
  readonly sent: FakeSent[] = [];
  readonly delivered = new Map<string, WaMessageLike>();
  /** New clients emit authenticated + ready right after initialize(). */
  autoReady = true;
  /** When set, initialize() rejects with it (Chromium missing, navigation timeout). */
  initializeError: Error | null = null;
  private readonly failures: unknown[] = [];
  private seq = 0;

  /** The factory to pass as the adapter's `createClient`. */
  readonly createClient = (): FakeWaClient => {
    const client = new FakeWaClient(this);
    this.clients.push(client);
    return client;
  };

  /** The newest client (the one the supervisor is using). */
  get current(): FakeWaClient {
    const c = this.clients.at(-1);
    if (!c) throw new Error('no client created yet');
    return c;
  }

  /** The next sendMessage throws this. */
  failNextSend(err: unknown): void {
    this.failures.push(err);
  }

  nextFailure(): unknown {
    return this.failures.shift();
  }

  /** Emits `message` on the current client, as WA Web does for an incoming message. */
  deliver(message: WaMessageLike): WaMessageLike {
    this.delivered.set(message.id._serialized, message);
    this.current.emit('message', message);
    return message;
  }

  /**
   * Emits `message_edit` as whatsapp-web.js does when a sender edits: the message (body already the new
   * text), the new body and the previous one.
   */
  edit(message: WaMessageLike, newBody: string): WaMessageLike {
    const edited = { ...message, body: newBody };
    this.delivered.set(message.id._serialized, edited);
    this.current.emit('message_edit', edited, newBody, message.body ?? '');
    return edited;
  }

  /**
   * Emits `message_revoke_everyone` as whatsapp-web.js does when a sender deletes for everyone: the revoked
   * stub (same id, type `revoked`, no body) and the message as it was before, or null when WA Web no longer had it.
   */
  revoke(message: WaMessageLike, keepBefore = true): WaMessageLike {
    const stub: WaMessageLike = { ...message, type: 'revoked', body: '', hasMedia: false };
    this.delivered.set(message.id._serialized, stub);
    this.current.emit('message_revoke_everyone', stub, keepBefore ? message : null);
    return stub;
  }

  /**
   * A message from a corpus fixture (JSON shaped like the library's Message). A media message gets a
   * downloadMedia() answering small bytes of its declared type, as the library fetches them from WA Web.
   */
  fromFixture(fixture: WaMessageLike): WaMessageLike {
    if (!fixture.hasMedia) return fixture;
    const mimetype = fixture._data?.mimetype ?? 'application/octet-stream';
    const bytes = Buffer.from(`fixture-${fixture.id._serialized}`);
    const media: WaMediaLike = { mimetype, data: bytes.toString('base64'), filesize: bytes.length };
    return { ...fixture, downloadMedia: async () => media };
  }

  /** Waits until `count` messages were sent, or one matching `match`; returns it (or all sent). */
  async waitForSent(match: number | ((s: FakeSent) => boolean), timeoutMs = 5000): Promise<FakeSent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = typeof match === 'number' ? (this.sent.length >= match ? this.sent : []) : this.sent.filter(match);
      if (found.length > 0) return found;
      if (Date.now() > deadline) throw new Error(`expected send not seen; sent: ${JSON.stringify(this.sent)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A citizen's text message. */
  text(from: string, body: string, extra: Partial<WaMessageLike> = {}): WaMessageLike {
    return { ...this.base(from, 'chat', body), ...extra };
  }

  /** A photo with a caption; downloadMedia() returns `bytes`. */
  image(from: string, caption: string, bytes = Buffer.from('fake-jpeg'), mimetype = 'image/jpeg'): WaMessageLike {
    const media: WaMediaLike = { mimetype, data: bytes.toString('base64'), filesize: bytes.length };
    return {
      ...this.base(from, 'image', caption),
      hasMedia: true,
      _data: { notifyName: 'Warga', mimetype, size: bytes.length },
      downloadMedia: async () => media,
    };
  }

  /** A shared location. */
  location(from: string, latitude: number, longitude: number, description = ''): WaMessageLike {
    return { ...this.base(from, 'location', ''), location: { latitude, longitude, description } };
  }

  private base(from: string, type: string, body: string): WaMessageLike {
    this.seq++;
    const id = `3EB0${String(this.seq).padStart(8, '0')}${Date.now().toString(16).toUpperCase()}`;
    return {
      id: { fromMe: false, remote: from, id, _serialized: `false_${from}_${id}` },
      from,
      to: '6285200000000@c.us',
      fromMe: false,
      body,
      type,
      timestamp: Math.floor(Date.now() / 1000),
      hasMedia: false,
      hasQuotedMsg: false,
      vCards: [],
      _data: { notifyName: 'Warga' },
    };
  }
}
