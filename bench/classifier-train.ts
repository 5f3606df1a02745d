/**
 * Trains the committed model from the training corpus only (no admin decisions) into data/models/.
 * Run: npx tsx bench/classifier-train.ts
 */
import { runTrainCommand } from '../src/classifier/cli.js';
import { DEFAULT_PATHS } from '../src/classifier/paths.js';

await runTrainCommand({ modelDir: DEFAULT_PATHS.models(), progress: process.stderr });
