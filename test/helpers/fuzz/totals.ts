// What a fuzz run counts: inputs, calls, the slowest calls in CPU and wall-clock time, a
// histogram for percentiles, peak memory, failures, and the calls over the goal.
import type { FuzzInput } from './inputs';
import type { Outcome } from './run-input';

export interface FuzzJob {
  seed: number;
  start: number;
  count: number;
  /** Replay this one input only. */
  only?: number;
  /** A scratch folder for the include trees. */
  tmp: string;
  /** Calls over this much CPU time are listed. */
  goalMs: number;
}

export interface SlowCall {
  index: number;
  call: string;
  cpuMs: number;
  wallMs: number;
}

export interface Totals {
  inputs: number;
  calls: number;
  kinds: Record<string, number>;
  maxCpu: SlowCall | undefined;
  maxWall: SlowCall | undefined;
  /** Calls by CPU time, in 1 ms buckets (the last one: everything above). */
  cpuHistogram: number[];
  overGoal: SlowCall[];
  overGoalCount: number;
  peakRssMb: number;
  /** RSS after each 1,000th input, for growth. */
  rssSamplesMb: number[];
  failures: { index: number; call: string; error: string; applied: string[] }[];
}

const BUCKETS = 1000;

export function emptyTotals(): Totals {
  return {
    inputs: 0,
    calls: 0,
    kinds: {},
    maxCpu: undefined,
    maxWall: undefined,
    cpuHistogram: new Array<number>(BUCKETS + 1).fill(0),
    overGoal: [],
    overGoalCount: 0,
    peakRssMb: 0,
    rssSamplesMb: [],
    failures: [],
  };
}

let goalMs = 200;
export function setGoal(ms: number): void {
  goalMs = ms;
}

export function record(t: Totals, index: number, input: FuzzInput, o: Outcome, rss: number): void {
  t.inputs++;
  t.kinds[input.kind] = (t.kinds[input.kind] ?? 0) + 1;
  for (const c of o.calls) {
    t.calls++;
    const s = { index, call: c.call, cpuMs: c.cpuMs, wallMs: c.wallMs };
    if (!t.maxCpu || c.cpuMs > t.maxCpu.cpuMs) t.maxCpu = s;
    if (!t.maxWall || c.wallMs > t.maxWall.wallMs) t.maxWall = s;
    t.cpuHistogram[Math.min(BUCKETS, Math.floor(c.cpuMs))]++;
    if (c.cpuMs > goalMs) {
      t.overGoalCount++;
      if (t.overGoal.length < 20) t.overGoal.push(s);
    }
  }
  const mb = rss / (1024 * 1024);
  t.peakRssMb = Math.max(t.peakRssMb, mb);
  if ((index + 1) % 1000 === 0) t.rssSamplesMb.push(Math.round(mb));
  if (o.failure && t.failures.length < 50) t.failures.push({ index, ...o.failure, applied: input.applied });
}

export function merge(a: Totals, b: Totals): Totals {
  const max = (x: SlowCall | undefined, y: SlowCall | undefined, k: 'cpuMs' | 'wallMs') => (!x ? y : !y ? x : y[k] > x[k] ? y : x);
  const kinds = { ...a.kinds };
  for (const [k, v] of Object.entries(b.kinds)) kinds[k] = (kinds[k] ?? 0) + v;
  return {
    inputs: a.inputs + b.inputs,
    calls: a.calls + b.calls,
    kinds,
    maxCpu: max(a.maxCpu, b.maxCpu, 'cpuMs'),
    maxWall: max(a.maxWall, b.maxWall, 'wallMs'),
    cpuHistogram: a.cpuHistogram.map((n, i) => n + b.cpuHistogram[i]),
    overGoal: [...a.overGoal, ...b.overGoal].slice(0, 20),
    overGoalCount: a.overGoalCount + b.overGoalCount,
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    rssSamplesMb: [...a.rssSamplesMb, ...b.rssSamplesMb],
    failures: [...a.failures, ...b.failures].slice(0, 50),
  };
}

/** The CPU time under which `q` of the calls fall (1 ms resolution). */
export function percentile(t: Totals, q: number): number {
  const want = q * t.calls;
  let seen = 0;
  for (let i = 0; i < t.cpuHistogram.length; i++) {
    seen += t.cpuHistogram[i];
    if (seen >= want) return i + 1;
  }
  return t.cpuHistogram.length;
}

export type FuzzMessage =
  { type: 'start'; index: number } | { type: 'totals'; totals: Totals } | { type: 'end' } | { type: 'crash'; error: string };
