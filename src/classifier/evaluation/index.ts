/**
 * Evaluation entry point: `kanal-aduan eval`, the held-out and citizen-style reports, cross-validation.
 * Never imported by the server (src/classifier/index.ts is the runtime surface).
 */
export { runEvalCommand } from './eval-command.js';
export { evaluate, macroF1 } from './metrics.js';
export { areaOf, formatStyleReport, styleMetrics, styleReport } from './style-eval.js';
