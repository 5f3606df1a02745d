// The complaint page's satisfaction part: every reporter's rating of the case (the case's own and its merged
// duplicates'), whether the question is still awaited, and the flag a low rating raised for the admins.

type Rated = {
  trackingId: string;
  channel: string;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: Date | null;
};

const FLAG_REASONS: Record<string, string> = {
  low_rating: 'Pelapor memberi penilaian rendah',
  not_resolved: 'Pelapor menyatakan masalahnya belum selesai',
};

/** Ratings of the case and its duplicates (comments masked as the page masks text), and the flag. */
export function satisfactionView(
  c: Rated & { ratingAskedAt: Date | null; flaggedAt: Date | null; flagReason: string | null },
  duplicates: Rated[],
  mask: (t: string | null) => string | null,
) {
  const ratings = [c, ...duplicates]
    .filter((r) => r.ratedAt !== null)
    .map((r) => ({
      trackingId: r.trackingId,
      channel: r.channel,
      rating: r.rating,
      comment: mask(r.ratingComment),
      ratedAt: r.ratedAt,
    }));
  return {
    ratings,
    ratingAskedAt: c.ratingAskedAt,
    flag: c.flaggedAt
      ? { at: c.flaggedAt, reason: c.flagReason, label: FLAG_REASONS[c.flagReason ?? ''] ?? 'Perlu ditinjau' }
      : null,
  };
}
