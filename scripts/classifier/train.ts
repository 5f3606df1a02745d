/**
 * Trains the committed model from the training corpus only (no admin decisions) into data/models/.
 * Run: npx tsx scripts/classifier/train.ts (npm run classifier:train)
 */

import { DEFAULT_PATHS } from '../../src/classifier/runtime/paths.js';
import { runTrainCommand } from '../../src/classifier/training/train-command.js';

await runTrainCommand({ modelDir: DEFAULT_PATHS.models(), progress: process.stderr });
