// Shapes of the admin API's answers (docs: .tmp/admin-api-contract.md and GET /api/openapi.json).

/** Roles a user can have. */
export type Role = 'admin' | 'reviewer' | 'officer' | 'viewer';

/** The logged-in user. */
export interface User {
  id?: string;
  email: string;
  name: string;
  role: Role;
  agencyCode: string | null;
}

/** One SLA clock as the API reports it. */
export interface Clock {
  dueAt: string;
  doneAt?: string | null;
  state: 'running' | 'met' | 'missed' | 'overdue';
  msLeft?: number;
}

/** A complaint as listed in the queue. */
export interface Summary {
  trackingId: string;
  status: string;
  channel: string;
  suggestedAgency: string | null;
  confidence: number | null;
  needsReview: boolean;
  assignedAgency: string | null;
  jurisdiction: string | null;
  privacy: string;
  excerpt: string;
  location: { latitude: number; longitude: number } | null;
  locationText?: string | null;
  createdAt: string;
  lastMessageAt: string;
  mergedIntoId?: string | null;
  reporterLabel?: string;
  clocks: { verify: Clock | null; followUp: Clock | null };
  version?: number;
}

/** A list answer. */
export interface Page<T> {
  total: number;
  items: T[];
}

/** One attachment (photo or document). */
export interface Attachment {
  id: string;
  kind?: string;
  mimeType: string | null;
  url?: string;
  caption?: string | null;
}

/** One inbound or outbound message of the conversation. */
export interface ConversationItem {
  id: string;
  direction: 'inbound' | 'outbound';
  channel?: string;
  kind: string;
  text: string | null;
  createdAt: string;
  attachments?: Attachment[];
  delivery?: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  outboxId?: string;
  error?: string | null;
  author?: string | null;
}

/** One status change of the timeline. */
export interface TimelineEvent {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string | null;
  agencyCode?: string | null;
  note?: string | null;
  publicNote?: string | null;
  createdAt: string;
}

/** An internal or public (follow-up) note. */
export interface Note {
  id: string;
  visibility: 'internal' | 'public';
  body: string;
  authorName: string;
  createdAt: string;
}

/** The classifier's suggestion and why. */
export interface Classification {
  agency: string;
  confidence: number;
  alternatives: { agency: string; confidence: number }[];
  reasons: string[];
  needsReview: boolean;
}

/** A complaint with everything the complaint page shows. */
export interface Detail extends Summary {
  text: string;
  classification: Classification | null;
  allowedActions: string[];
  reporter: {
    id: string;
    label?: string;
    displayName?: string | null;
    phone?: string | null;
    contact?: string | null;
    channels?: string[];
    blocked?: boolean;
    /** Accounts the platform said cannot be reached (the person blocked the bot). */
    identities?: { channel: string; unreachable: { since: string; reason: string | null } | null }[];
  } | null;
  conversation?: ConversationItem[];
  events: TimelineEvent[];
  notes?: Note[];
  duplicates?: { trackingId: string; channel: string; status: string }[];
  attachments: Attachment[];
  rating?: number | null;
  ratingComment?: string | null;
  replyLimit?: number;
}

/** An agency of the catalogue. */
export interface Agency {
  code: string;
  name: string;
  shortName: string;
  description?: string | null;
  active?: boolean;
}
