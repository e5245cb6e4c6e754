// Bounds on regexp work. JavaScript cannot interrupt a running regexp, so a regexp that can
// backtrack catastrophically (a quantified group holding an unbounded quantifier, e.g. (\w+\s?)+),
// or any regexp on a very long line, runs in a worker thread that is stopped when its time is up;
// the caller then reports where it stopped instead of hanging. Everything else runs in-thread.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export class RegexpTimeout extends Error {}

/** Lines at least this long run in the worker whatever the regexp. */
export const LONG_LINE = 100_000;

/**
 * Why a Ruby pattern can backtrack catastrophically, or undefined: an unbounded quantifier inside
 * a group that is itself repeated without bound (atomic groups and possessive quantifiers excepted).
 */
export function catastrophicBacktracking(source: string): string | undefined {
  interface Group {
    start: number;
    atomic: boolean;
    unbounded: boolean;
  }
  const stack: Group[] = [{ start: 0, atomic: false, unbounded: false }];
  const quantifierAt = (i: number): { unbounded: boolean; possessive: boolean; len: number } | undefined => {
    const c = source[i];
    let len: number;
    let unbounded = false;
    if (c === '*' || c === '+') {
      unbounded = true;
      len = 1;
    } else if (c === '?') len = 1;
    else if (c === '{') {
      const m = /^\{(\d*),(\d*)\}|^\{\d+\}/.exec(source.slice(i, i + 20));
      if (!m) return undefined;
      unbounded = m[2] === '';
      len = m[0].length;
    } else return undefined;
    const n = source[i + len];
    return { unbounded, possessive: n === '+', len: len + (n === '+' || n === '?' ? 1 : 0) };
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      const q = quantifierAt(i + 1);
      if (q?.unbounded && !q.possessive) stack[stack.length - 1].unbounded = true;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      let depth = 1;
      for (; j < source.length && depth; j++) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') depth++;
        else if (source[j] === ']') depth--;
      }
      i = j - 1;
      const q = quantifierAt(i + 1);
      if (q?.unbounded && !q.possessive) stack[stack.length - 1].unbounded = true;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, atomic: source.startsWith('(?>', i), unbounded: false });
      continue;
    }
    if (c === ')' && stack.length > 1) {
      const lastGroup = stack.pop()!;
      const lastGroupStart = lastGroup.start;
      const q = quantifierAt(i + 1);
      if (q?.unbounded && !q.possessive && lastGroup.unbounded && !lastGroup.atomic) {
        return `the group at column ${lastGroupStart + 1} repeats without bound and holds a repetition without bound: a line that almost matches can take exponential time`;
      }
      if ((q?.unbounded && !q.possessive) || lastGroup.unbounded) stack[stack.length - 1].unbounded = true;
      continue;
    }
    const q = quantifierAt(i + 1);
    if (q?.unbounded && !q.possessive && c !== ')' && c !== '|') stack[stack.length - 1].unbounded = true;
  }
  return undefined;
}

const WORKER = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.sab);
const port = workerData.port;
port.on('message', ({ source, flags, text, from }) => {
  let out = null;
  try {
    const re = new RegExp(source, flags);
    re.lastIndex = from;
    const m = re.exec(text);
    if (m) out = { index: m.index, length: m[0].length, groups: m.groups ? { ...m.groups } : null,
      starts: m.indices && m.indices.groups ? Object.fromEntries(Object.entries(m.indices.groups).map(([k, v]) => [k, v ? v[0] : -1])) : null };
  } catch (e) { out = { error: String(e) }; }
  port.postMessage(out);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
Atomics.store(flag, 0, 2);
Atomics.notify(flag, 0);
`;

interface Runner {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}
let runner: Runner | undefined;

function start(): Runner {
  const sab = new SharedArrayBuffer(4);
  const flag = new Int32Array(sab);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { eval: true, workerData: { sab, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  if (Atomics.wait(flag, 0, 0, 10_000) === 'timed-out') throw new Error('the regexp worker did not start');
  return { worker, port: port1, flag };
}

export interface GuardedMatch {
  index: number;
  length: number;
  groups: Record<string, string | undefined> | null;
  /** Named groups' start offsets (-1: no part in the match), when the regexp has the d flag. */
  starts?: Record<string, number> | null;
}

let guardedCount = 0;

/** How many guarded (possibly slow) matches have run in this process: a run's clock is read when it changes. */
export function guardedRuns(): number {
  return guardedCount;
}

/** RegExp#exec from `from`, stopped after `timeoutMs` (RegexpTimeout). */
export function guardedExec(js: RegExp, text: string, from: number, timeoutMs: number): GuardedMatch | null {
  guardedCount++;
  runner ??= start();
  const r = runner;
  Atomics.store(r.flag, 0, 0);
  r.port.postMessage({ source: js.source, flags: js.flags, text, from });
  if (Atomics.wait(r.flag, 0, 0, timeoutMs) === 'timed-out') {
    void r.worker.terminate();
    runner = undefined;
    throw new RegexpTimeout(`the regexp ran longer than ${timeoutMs} ms on this line of ${text.length} characters and was stopped`);
  }
  const msg = receiveMessageOnPort(r.port);
  const m = msg?.message as (GuardedMatch & { error?: string }) | null;
  if (m && m.error) throw new Error(m.error);
  return m ?? null;
}
