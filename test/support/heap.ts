// The JS heap in use after a full garbage collection, for tests that prove something is not kept per call.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes of heap in use once everything unreachable is collected. */
export function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}
