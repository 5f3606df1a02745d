// What the admin route modules share: the application context, the enabled channels, HTTP settings.
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import type { Semaphore } from '../../app/semaphore.js';
import type { ChannelAdapter, ChannelName } from '../../channels/contract.js';

/** Settings of the admin API (from config.ts through server.ts). */
export interface AdminOptions {
  sessionTtlHours: number;
  cookieSecure: boolean;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  publicBaseUrl?: string;
  /** Login attempts per minute per client address, refused before any database work. */
  loginAttemptsPerMinute?: number;
  /** Lifetime of a chat-link code in minutes (LINK_CODE_TTL_MINUTES). */
  linkCodeTtlMinutes?: number;
}

export interface AdminDeps {
  ctx: AppContext;
  opts: AdminOptions;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  /** Bounds concurrent password hashing in this process. */
  hashSlots: Semaphore;
}

/** `:id` of a complaint route: a tracking ID, case-insensitive. */
export const trackingParams = z.object({
  id: z
    .string()
    .min(1)
    .max(40)
    .transform((s) => s.toUpperCase()),
});

/** A cuid-like id in a path. */
export const idParams = z.object({ id: z.string().min(1).max(64) });

/** Whether a channel is switched on in this deployment. */
export const channelOn = (deps: AdminDeps) => (channel: string) => deps.adapters.has(channel as ChannelName);
