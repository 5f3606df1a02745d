/** Entry point of the classifier module. */

export { type AdminDecision, MIN_CALIBRATION_DECISIONS, runCalibrateCommand } from './calibrate.js';
export * from './classifier.js';
export { runClassifyCommand, runEvalCommand, runTrainCommand } from './cli.js';
