/** A small limited-memory BFGS minimiser for smooth convex objectives (deterministic, no RNG). */

/** Objective: writes the gradient into `grad` and returns the value at `x`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Stopping and memory settings. */
export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the gradient's max-norm falls below this. */
  gradientTolerance: number;
  /** Stop when the relative decrease of the objective over one step falls below this. */
  relativeTolerance: number;
  memory: number;
}

/** Result of a minimisation. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

const DEFAULTS: LbfgsOptions = {
  maxIterations: 300,
  gradientTolerance: 1e-6,
  relativeTolerance: 1e-9,
  memory: 10,
};

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] as number));
  return max;
}

/** Two-loop recursion: returns the quasi-Newton descent direction -H*g. */
function direction(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[]): Float64Array {
  const q = Float64Array.from(g);
  const alpha = new Array<number>(s.length).fill(0);
  for (let k = s.length - 1; k >= 0; k--) {
    const sk = s[k] as Float64Array;
    const yk = y[k] as Float64Array;
    const a = (rho[k] as number) * dot(sk, q);
    alpha[k] = a;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) - a * (yk[i] as number);
  }
  const last = s.length - 1;
  // Initial Hessian scaling gamma = s'y / y'y (Nocedal & Wright, eq. 7.20).
  const gamma = last >= 0 ? 1 / ((rho[last] as number) * dot(y[last] as Float64Array, y[last] as Float64Array)) : 1;
  for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) * gamma;
  for (let k = 0; k < s.length; k++) {
    const sk = s[k] as Float64Array;
    const yk = y[k] as Float64Array;
    const b = (rho[k] as number) * dot(yk, q);
    const a = alpha[k] as number;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) + (a - b) * (sk[i] as number);
  }
  for (let i = 0; i < q.length; i++) q[i] = -(q[i] as number);
  return q;
}

/** Minimises `f` from `x0` with L-BFGS and a backtracking (Armijo) line search. */
export function minimize(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const opts = { ...DEFAULTS, ...options };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let value = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  let iterations = 0;
  while (iterations < opts.maxIterations && maxAbs(g) > opts.gradientTolerance) {
    iterations++;
    let d = direction(g, s, y, rho);
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      d = g.map((v) => -v);
      slope = dot(g, d);
    }
    let step = iterations === 1 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(g))) : 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let valueNew = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (d[i] as number);
      valueNew = f(xNew, gNew);
      if (valueNew <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(valueNew < value)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = (xNew[i] as number) - (x[i] as number);
      yk[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      if (s.length > opts.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const decrease = (value - valueNew) / Math.max(Math.abs(value), 1e-12);
    x = xNew;
    g = gNew;
    value = valueNew;
    if (decrease < opts.relativeTolerance) break;
  }
  return { x, value, iterations };
}
