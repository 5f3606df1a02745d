// The SP4N-LAPOR process as a state machine. Pure: no I/O, so every rule is testable in isolation.

/** Where a complaint is in the process. */
export const STATUSES = [
  'received', // diterima, waiting for verification (3-day clock)
  'verified', // diverifikasi by the communications office
  'forwarded', // didisposisikan to an OPD (30-day clock)
  'in_progress', // the OPD is following up (tindak lanjut)
  'resolved', // selesai
  'rejected', // ditolak
  'referred', // bukan wewenang: belongs to the province, the central government or 112
  'on_hold', // ditunda
  'archived', // diarsipkan
] as const;
export type Status = (typeof STATUSES)[number];

/** What an admin (or the system) can do to a complaint. */
export const ACTIONS = [
  'verify',
  'forward',
  'start',
  'resolve',
  'reject',
  'refer',
  'hold',
  'archive',
  // Not a complaint at all (a greeting, a question, news): archived at once, and a lesson for the classifier.
  'not_complaint',
  'reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

/** For each action, the statuses it may start from. `start` from in_progress records another follow-up note. */
const FROM: Record<Action, readonly Status[]> = {
  verify: ['received', 'on_hold'],
  forward: ['received', 'verified', 'forwarded', 'in_progress', 'on_hold'],
  start: ['forwarded', 'in_progress'],
  resolve: ['forwarded', 'in_progress'],
  reject: ['received', 'verified', 'on_hold'],
  refer: ['received', 'verified', 'forwarded', 'on_hold'],
  hold: ['received', 'verified', 'forwarded'],
  archive: ['resolved', 'rejected', 'referred'],
  not_complaint: ['received', 'verified', 'on_hold'],
  reopen: ['resolved', 'archived'],
};

/** Thrown for a transition the process does not allow; `code` is stable for API clients. */
export class TransitionError extends Error {
  constructor(
    readonly code: 'illegal_transition' | 'agency_required' | 'note_required' | 'unknown_agency',
    message: string,
  ) {
    super(message);
  }
}

export interface TransitionInput {
  action: Action;
  from: Status;
  /** Agency assigned now (forward), already (reopen), or the outside authority referred to (refer). */
  agency?: string | null;
  note?: string | null;
}

/** Decides the next status, or throws TransitionError with an Indonesian-free, developer-readable reason. */
export function nextStatus({ action, from, agency, note }: TransitionInput): Status {
  if (!FROM[action].includes(from)) {
    throw new TransitionError(
      'illegal_transition',
      `cannot ${action} a complaint that is ${from}; allowed from: ${FROM[action].join(', ')}`,
    );
  }
  if (action === 'forward' && !agency) throw new TransitionError('agency_required', 'forward needs an agency code');
  // A rejection always needs a reason; a referral needs either the authority it belongs to or a note.
  if ((action === 'reject' || (action === 'refer' && !agency)) && !note?.trim()) {
    throw new TransitionError('note_required', `${action} needs a note telling the reporter why or where to go`);
  }
  switch (action) {
    case 'verify':
      return 'verified';
    case 'forward':
      return 'forwarded';
    case 'start':
      return 'in_progress';
    case 'resolve':
      return 'resolved';
    case 'reject':
      return 'rejected';
    case 'refer':
      return 'referred';
    case 'hold':
      return 'on_hold';
    case 'archive':
    case 'not_complaint':
      return 'archived';
    case 'reopen':
      // A reopened complaint goes back to the agency that had it, or to verification if none had it yet.
      return agency ? 'in_progress' : 'received';
  }
}

/** Actions allowed from a status (for the admin UI and the API's error messages). */
export function allowedActions(from: Status): Action[] {
  return ACTIONS.filter((a) => FROM[a].includes(from));
}

/** Statuses in which the reporter's complaint is still open (new messages join it). */
export const OPEN_STATUSES: readonly Status[] = ['received', 'verified', 'forwarded', 'in_progress', 'on_hold'];
