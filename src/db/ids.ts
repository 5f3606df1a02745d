// Row ids for rows written with plain SQL (./sql.ts), in the shape of Prisma's cuid() so every id in a table
// looks alike: "c", the time, a counter, a process fingerprint and random characters (25 characters).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const BLOCK = 36 ** 4;
let counter = randomBytes(4).readUInt32BE() % BLOCK;
const pad = (s: string, n: number) => s.padStart(n, '0').slice(-n);
const fingerprint = pad((process.pid + [...hostname()].reduce((a, ch) => a + ch.charCodeAt(0), 0)).toString(36), 4);

// Random bytes are drawn 6 KiB at a time: one randomBytes call per id cost a twentieth of intake's CPU.
const POOL = 6 * 1024;
let pool = randomBytes(POOL);
let used = 0;

function random48(): number {
  if (used + 6 > POOL) {
    pool = randomBytes(POOL);
    used = 0;
  }
  const value = pool.readUIntBE(used, 6);
  used += 6;
  return value;
}

export function newId(): string {
  counter = (counter + 1) % BLOCK;
  const random = pad(random48().toString(36), 8);
  return `c${pad(Date.now().toString(36), 8)}${pad(counter.toString(36), 4)}${fingerprint}${random}`;
}
