// The expectations the payload corpora (adapters/<channel>/fixtures/corpus/*.json) write for each replayed
// payload: the fields every channel's corpus shares. A replay test adds what only its channels can check.
export interface ReplayExpectation {
  /** Inbound messages stored by this payload. */
  stored: number;
  /** Whether it opened a complaint. */
  complaint: boolean;
  /** Whether anything was sent back. */
  reply: boolean;
  /** The disposition of the last inbound message it stored. */
  disposition?: string;
  /** Where the reply went. */
  replyTo?: string;
  /** No reply may carry a tracking ID (chatter, commands). */
  noTrackingId?: boolean;
  /** A piece of text the latest complaint must hold. */
  complaintTextIncludes?: string;
}
