/** Entry point of the classifier module. */
export * from './classifier.js';
export { runClassifyCommand, runEvalCommand, runTrainCommand } from './cli.js';
