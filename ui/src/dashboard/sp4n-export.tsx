// Download links for the SP4N-LAPOR! export of the dashboard's period (desk roles only: the API refuses others).
import { query } from '../api.js';

/** CSV for spreadsheets and re-entry, JSON for tools; the period is the dashboard's. */
export function Sp4nExport({ from, to }: { from: string; to: string }) {
  const period = { from, to };
  return (
    <span class="row">
      <a class="button primary" href={`/api/export/sp4n-lapor${query({ ...period, format: 'csv' })}`} download>
        Ekspor SP4N-LAPOR (CSV)
      </a>
      <a class="button" href={`/api/export/sp4n-lapor${query({ ...period, format: 'json' })}`} download>
        JSON
      </a>
    </span>
  );
}
