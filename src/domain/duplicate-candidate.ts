// One suggested duplicate of a complaint, as the admin API computes it (src/app/duplicate-candidates.ts) and the
// admin UI shows it (ui/src/complaint/candidates.tsx): a Date on the server, its ISO text once sent as JSON.
export interface DuplicateCandidate<When = Date> {
  trackingId: string;
  score: number;
  reasons: string[];
  channel: string;
  status: string;
  excerpt: string;
  createdAt: When;
}
