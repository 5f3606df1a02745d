// Real instances as child processes (`node bin/kanal-aduan.js start`) for the soak bench, with RSS and CPU read
// from /proc every few seconds, a graceful stop (SIGTERM) that is timed, and a restart on the same port.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { START_FLAGS } from './support/start-flags.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TICK_HZ = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s

export interface Sample {
  /** Seconds since the bench started. */
  t: number;
  rssMiB: number;
  /** CPU seconds used by the process so far. */
  cpuS: number;
}

export interface Instance {
  readonly name: string;
  readonly url: string;
  /** Samples of the current process (a restart starts a new list; the old one moves to `previous`). */
  samples: Sample[];
  previous: Sample[][];
  readonly up: boolean;
  start(): Promise<void>;
  /** SIGTERM; resolves with the exit code and how long the graceful stop took. */
  stop(): Promise<{ code: number | null; ms: number }>;
  sample(t: number): void;
}

function readProc(pid: number): { rssMiB: number; cpuS: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / TICK_HZ; // utime + stime
    return { rssMiB: rssKb / 1024, cpuS: cpu };
  } catch {
    return null;
  }
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance at ${url} exited with ${child.exitCode} while starting`);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })
      .then(async (r) => {
        last = `${r.status} ${await r.text()}`;
        return r.status === 200;
      })
      .catch((err: unknown) => {
        last = String(err);
        return false;
      });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance at ${url} not ready after ${timeoutMs} ms (last /readyz: ${last})`);
}

/** An instance on `port` with `env` (on top of the bench's own environment). Logs go to `logFile`'s stream. */
export function createInstance(name: string, port: number, env: Record<string, string>, log: NodeJS.WritableStream) {
  let child: ChildProcess | null = null;
  const instance: Instance = {
    name,
    url: `http://127.0.0.1:${port}`,
    samples: [],
    previous: [],
    get up() {
      return child !== null && child.exitCode === null;
    },
    async start() {
      if (instance.samples.length) instance.previous.push(instance.samples);
      instance.samples = [];
      child = spawn(process.execPath, [...START_FLAGS, path.join(ROOT, 'bin/kanal-aduan.js'), 'start'], {
        cwd: ROOT,
        env: { ...process.env, ...env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (chunk: Buffer) => log.write(`[${name}] ${chunk}`));
      await waitReady(instance.url, child, 60_000);
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return { code: c?.exitCode ?? null, ms: 0 };
      const started = Date.now();
      const exited = new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
      c.kill('SIGTERM');
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
    sample(t) {
      if (!child?.pid || child.exitCode !== null) return;
      const p = readProc(child.pid);
      if (p) instance.samples.push({ t, ...p });
    },
  };
  return instance;
}

/** Least-squares slope of RSS (MiB per minute) over the samples from `fromS` seconds on. */
export function rssSlope(samples: Sample[], fromS: number): number {
  const s = samples.filter((x) => x.t >= fromS);
  if (s.length < 3) return Number.NaN;
  const mt = s.reduce((a, x) => a + x.t, 0) / s.length;
  const mr = s.reduce((a, x) => a + x.rssMiB, 0) / s.length;
  const num = s.reduce((a, x) => a + (x.t - mt) * (x.rssMiB - mr), 0);
  const den = s.reduce((a, x) => a + (x.t - mt) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}
