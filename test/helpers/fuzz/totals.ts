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
  /** Process CPU time (all threads, GC helpers included): the number the goal is judged by. */
  cpuMs: number;
  /** Main-thread CPU time, where Node can tell (process.threadCpuUsage). */
  threadCpuMs?: number;
  wallMs: number;
}

export interface Totals {
  inputs: number;
  calls: number;
  kinds: Record<string, number>;
  maxCpu: SlowCall | undefined;
  maxWall: SlowCall | undefined;
  /** The slowest call in main-thread CPU time (undefined where Node cannot tell). */
  maxThreadCpu: SlowCall | undefined;
  /** Calls by CPU time, in 1 ms buckets (the last one: everything above). */
  cpuHistogram: number[];
  /** The same for main-thread CPU time (all zero where Node cannot tell). */
  threadCpuHistogram: number[];
  /** The slowest calls over the goal (up to KEEP_SLOW). */
  overGoal: SlowCall[];
  overGoalCount: number;
  /** Calls over the goal in main-thread CPU time. */
  threadOverGoalCount: number;
  peakRssMb: number;
  /** RSS after each 1,000th input, for growth. */
  rssSamplesMb: number[];
  failures: { index: number; call: string; error: string; applied: string[] }[];
}

const BUCKETS = 1000;
/** How many calls over the goal are kept by name: the slowest ones, to replay first. */
const KEEP_SLOW = 50;

function slowest(calls: SlowCall[]): SlowCall[] {
  return calls.length <= KEEP_SLOW ? calls : calls.sort((x, y) => y.cpuMs - x.cpuMs).slice(0, KEEP_SLOW);
}

export function emptyTotals(): Totals {
  return {
    inputs: 0,
    calls: 0,
    kinds: {},
    maxCpu: undefined,
    maxWall: undefined,
    maxThreadCpu: undefined,
    cpuHistogram: new Array<number>(BUCKETS + 1).fill(0),
    threadCpuHistogram: new Array<number>(BUCKETS + 1).fill(0),
    overGoal: [],
    overGoalCount: 0,
    threadOverGoalCount: 0,
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
    const s: SlowCall = { index, call: c.call, cpuMs: c.cpuMs, threadCpuMs: c.threadCpuMs, wallMs: c.wallMs };
    if (!t.maxCpu || c.cpuMs > t.maxCpu.cpuMs) t.maxCpu = s;
    if (!t.maxWall || c.wallMs > t.maxWall.wallMs) t.maxWall = s;
    t.cpuHistogram[Math.min(BUCKETS, Math.floor(c.cpuMs))]++;
    if (c.threadCpuMs !== undefined) {
      if (!t.maxThreadCpu || c.threadCpuMs > (t.maxThreadCpu.threadCpuMs ?? 0)) t.maxThreadCpu = s;
      t.threadCpuHistogram[Math.min(BUCKETS, Math.floor(c.threadCpuMs))]++;
      if (c.threadCpuMs > goalMs) t.threadOverGoalCount++;
    }
    if (c.cpuMs > goalMs) {
      t.overGoalCount++;
      t.overGoal = slowest([...t.overGoal, s]);
    }
  }
  const mb = rss / (1024 * 1024);
  t.peakRssMb = Math.max(t.peakRssMb, mb);
  if ((index + 1) % 1000 === 0) t.rssSamplesMb.push(Math.round(mb));
  if (o.failure && t.failures.length < 50) t.failures.push({ index, ...o.failure, applied: input.applied });
}

export function merge(a: Totals, b: Totals): Totals {
  const max = (x: SlowCall | undefined, y: SlowCall | undefined, k: 'cpuMs' | 'wallMs' | 'threadCpuMs') =>
    !x ? y : !y ? x : (y[k] ?? 0) > (x[k] ?? 0) ? y : x;
  const kinds = { ...a.kinds };
  for (const [k, v] of Object.entries(b.kinds)) kinds[k] = (kinds[k] ?? 0) + v;
  return {
    inputs: a.inputs + b.inputs,
    calls: a.calls + b.calls,
    kinds,
    maxCpu: max(a.maxCpu, b.maxCpu, 'cpuMs'),
    maxWall: max(a.maxWall, b.maxWall, 'wallMs'),
    maxThreadCpu: max(a.maxThreadCpu, b.maxThreadCpu, 'threadCpuMs'),
    cpuHistogram: a.cpuHistogram.map((n, i) => n + b.cpuHistogram[i]),
    threadCpuHistogram: a.threadCpuHistogram.map((n, i) => n + b.threadCpuHistogram[i]),
    overGoal: slowest([...a.overGoal, ...b.overGoal]),
    overGoalCount: a.overGoalCount + b.overGoalCount,
    threadOverGoalCount: a.threadOverGoalCount + b.threadOverGoalCount,
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    rssSamplesMb: [...a.rssSamplesMb, ...b.rssSamplesMb],
    failures: [...a.failures, ...b.failures].slice(0, 50),
  };
}

/** The CPU time under which `q` of the calls fall (1 ms resolution); `thread`: main-thread CPU time. */
export function percentile(t: Totals, q: number, thread = false): number {
  const histogram = thread ? t.threadCpuHistogram : t.cpuHistogram;
  const want = q * histogram.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= want) return i + 1;
  }
  return histogram.length;
}

export type FuzzMessage =
  { type: 'start'; index: number } | { type: 'totals'; totals: Totals } | { type: 'end' } | { type: 'crash'; error: string };
