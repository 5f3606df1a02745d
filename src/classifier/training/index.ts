/**
 * Training entry point: `kanal-aduan train` and `kanal-aduan calibrate`, and the scripts that build the
 * committed model. Never imported by the server (src/classifier/index.ts is the runtime surface).
 */
export {
  type AdminDecision,
  type CalibrateSummary,
  MIN_CALIBRATION_DECISIONS,
  runCalibrateCommand,
} from './calibrate.js';
export { DEFAULT_FEATURES, type TrainOptions, trainModel } from './train.js';
export { runTrainCommand, type TrainSummary } from './train-command.js';
