/** Progress reporting: a redrawn bar on a terminal, plain percentage lines otherwise (logs, CI). */
import type { Writable } from 'node:stream';

/** A progress reporter bound to one stream. */
export interface Progress {
  update(fraction: number, stage: string): void;
  done(): void;
}

/** Creates a progress reporter; only whole-percent changes are printed, so logs stay short. */
export function createProgress(stream: Writable & { isTTY?: boolean }, label: string, width = 30): Progress {
  let lastPercent = -1;
  return {
    update(fraction, stage) {
      const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      if (stream.isTTY) {
        const filled = Math.round((percent / 100) * width);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${stage.padEnd(20)}`,
        );
      } else {
        stream.write(`${label}: ${percent}% ${stage}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
