/** Model files: versioned save with an atomic pointer, fast load, and a hot-reloading classifier. */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { Classification, Classifier } from '../types.js';
import { type ClassifierOptions, createClassifier, type ModelClassifier } from './inference.js';
import { parseModel, type SerializedModel } from './model-format.js';

/** Name of the pointer file that says which model file is current. */
export const POINTER_FILE = 'current.json';

const pointerSchema = z.object({ file: z.string().min(1) });

/** Writes `content` to `path` atomically: a temp file in the same directory, then rename. */
function writeAtomic(path: string, content: string): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/**
 * Saves `model` as `classifier-<version>.json` in `dir` and then points `current.json` at it. The model
 * file is complete before the pointer moves, so a reader never sees a half-written model.
 */
export function saveModel(dir: string, model: SerializedModel): string {
  mkdirSync(dir, { recursive: true });
  const file = `classifier-${model.version}.json`;
  writeAtomic(join(dir, file), `${JSON.stringify(model)}\n`);
  writeAtomic(join(dir, POINTER_FILE), `${JSON.stringify({ file }, null, 2)}\n`);
  return join(dir, file);
}

/** Path of the current model file according to the pointer in `dir`. */
export function currentModelPath(dir: string): string {
  const pointer = pointerSchema.parse(JSON.parse(readFileSync(join(dir, POINTER_FILE), 'utf8')));
  // The pointer names a file in the same directory, never a path elsewhere.
  return join(dir, basename(pointer.file));
}

/** Reads and validates one model file. */
export function loadModelFile(path: string): SerializedModel {
  return parseModel(JSON.parse(readFileSync(path, 'utf8')));
}

/** Options of `loadClassifier`. */
export interface LoadOptions extends ClassifierOptions {
  dir: string;
}

/** Loads the current model of `dir` (throws if there is none or it is invalid). */
export function loadClassifier(options: LoadOptions): ModelClassifier {
  return createClassifier(loadModelFile(currentModelPath(options.dir)), options);
}

/** Options of `createReloadingClassifier`. */
export interface ReloadingOptions extends LoadOptions {
  /** Minimum time between two checks of the pointer file (ms). */
  checkIntervalMs: number;
  /** Where reload problems are reported (default: console.error, i.e. stderr, never stdout). */
  log?: (message: string) => void;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** A classifier that follows `current.json` and swaps in new models without a restart. */
export interface ReloadingClassifier extends Classifier {
  /** Checks the pointer now; returns true when a new model was swapped in. */
  reload(): boolean;
  /** The classifier currently in use. */
  readonly current: ModelClassifier;
}

/**
 * Loads the current model, then re-checks the pointer's identity (mtime, size, inode) at most every
 * `checkIntervalMs` from inside `classify`. Checking is one `stat` call; loading happens only when the
 * pointer changed. A broken new model is logged once and ignored: the old model keeps serving.
 */
export function createReloadingClassifier(options: ReloadingOptions): ReloadingClassifier {
  const log = options.log ?? ((message: string) => console.error(message));
  const now = options.now ?? Date.now;
  const pointerPath = join(options.dir, POINTER_FILE);
  const stamp = (): string => {
    const s = statSync(pointerPath);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  };
  let seen = stamp();
  let current = loadClassifier(options);
  let lastCheck = now();

  const reload = (): boolean => {
    lastCheck = now();
    let next: string;
    try {
      next = stamp();
    } catch (error) {
      log(`classifier: cannot stat ${pointerPath}: ${String(error)}`);
      return false;
    }
    if (next === seen) return false;
    seen = next;
    try {
      const path = currentModelPath(options.dir);
      const candidate = createClassifier(loadModelFile(path), options);
      if (candidate.version === current.version) return false;
      current = candidate;
      return true;
    } catch (error) {
      log(
        `classifier: new model ignored, keeping ${current.version}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  };

  return {
    get version() {
      return current.version;
    },
    get current() {
      return current;
    },
    reload,
    classify(text: string): Classification {
      if (now() - lastCheck >= options.checkIntervalMs) reload();
      return current.classify(text);
    },
  };
}
