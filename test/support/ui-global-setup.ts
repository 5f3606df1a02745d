// Vitest global setup: the admin UI tests and the running product need a built UI (ui/dist).
import { ensureUiBuilt } from '../../scripts/ui-build.js';

/** Builds the UI once per test run when its sources changed. */
export default function setup(): void {
  ensureUiBuilt();
}
