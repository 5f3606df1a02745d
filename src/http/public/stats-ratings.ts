// Reporter ratings in the public statistics: like every public cell, a count of 1-4 is withheld, and so is
// the average of fewer than 5 ratings (it would tell how one person rated).
import type { ratingsPerAgency } from '../../app/satisfaction-stats.js';
import { cell, MIN_CELL } from './stats-privacy.js';

type Ratings = Awaited<ReturnType<typeof ratingsPerAgency>>;

/** The public figure: ratings given in the period, their average, per agency. */
export function publicRatings(r: Ratings, names: Map<string, string>) {
  const avg = (count: number, average: number | null) => (count >= MIN_CELL ? average : null);
  return {
    rated: cell(r.count),
    average: avg(r.count, r.average),
    perAgency: r.perAgency.map((a) => ({
      code: a.agency,
      name: names.get(a.agency) ?? a.agency,
      rated: cell(a.count),
      average: avg(a.count, a.average),
    })),
  };
}
