// Runs the tests of a config test file: the config is built once into a simulation (with the
// file's ENV, clock, time zone and pods), each test sends its inputs through it and checks what
// the outputs received. Every test has a step/time budget and the file one more; a test the
// simulator cannot take to its end (a step not simulated, a loop, a budget) is an error that
// says where it stopped, never a guessed pass or fail.
import { dirname, isAbsolute, join } from 'node:path';
import type { ConfigTree } from '../includes/tree';
import { samplePath } from '../simulate/playground/playground';
import { buildSimulation, type Simulation, type SimSource } from '../simulate/route/build';
import { param } from '../simulate/route/config';
import type { KubeFixture } from '../simulate/route/filters/kubernetes-metadata';
import { runRoute, type RouteInput } from '../simulate/route/engine';
import type { Delivery, Destination, RouteResult } from '../simulate/route/types';
import type { Budget, SimulationEnvironment } from '../simulate/types';
import { eventTimeText, prettyRecord } from '../simulate/view/record-text';
import type { Range } from '../types';
import { isHash } from '../simulate/ruby/hash';
import { check, fieldValue, shown } from './conditions';
import { configNames, type ConfigNames } from './config-names';
import type { Condition, Expectation, Located, Problem, TestCase, TestFile } from './model';

export interface TestHost {
  /** The config tree rooted at an absolute path (open editors' text preferred), or undefined when it cannot be read. */
  loadConfig(path: string): ConfigTree | undefined;
  /** A file's text, or why it cannot be read. */
  readText(path: string): string | { error: string };
}

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TestFailure {
  message: string;
  /** Where in the test file (the expectation, the input). */
  range: Range;
}

export interface TestResult {
  name: string;
  index: number;
  /** The test's `name` in the file. */
  range: Range;
  status: TestStatus;
  durationMs: number;
  failures: TestFailure[];
  /** What each output received, for the report: `out_x: 1 event`. */
  received: string[];
  /** What was not simulated, where a budget stopped the run. */
  notes: string[];
}

/** A test file ready to run, or the problems that make it unusable. */
export type PreparedFile =
  | { ok: true; file: TestFile; sim: Simulation; env: SimulationEnvironment; configPath: string; names: ConfigNames }
  | { ok: false; file: TestFile; problems: Problem[] };

export interface RunLimits {
  /** Each test's routing budget. */
  test: Budget;
  /** All the tests of a file: once spent, the rest are skipped with a message. */
  fileMs: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = { test: { timeMs: 2000, steps: 200_000 }, fileMs: 120_000 };

/** At most this many bytes of a pod fixture are read (100k pods is some 60 MB). */
export const MAX_KUBE_BYTES = 256 * 1024 * 1024;

export function resolvePath(testPath: string, rel: string): string {
  return isAbsolute(rel) ? rel : join(dirname(testPath), rel);
}

export function prepareFile(file: TestFile, testPath: string, host: TestHost, nowMs = Date.now()): PreparedFile {
  const errors = file.problems.filter((p) => p.severity === 'error');
  if (errors.length) return { ok: false, file, problems: errors };
  if (!file.config)
    return { ok: false, file, problems: [{ range: zero, severity: 'error', code: 'test-missing-key', message: 'Missing `config`.' }] };
  const configPath = resolvePath(testPath, file.config.value);
  const tree = host.loadConfig(configPath);
  if (!tree) return { ok: false, file, problems: [at(file.config, 'test-config-missing', `Cannot read the config ${configPath}.`)] };
  let kube: KubeFixture | undefined;
  if (file.kube) {
    const k = readKube(resolvePath(testPath, file.kube.value), host);
    if ('error' in k) return { ok: false, file, problems: [at(file.kube, 'test-kube-fixture', k.error)] };
    kube = k;
  }
  const env: SimulationEnvironment = {
    now: file.now ?? { sec: Math.floor(nowMs / 1000), nsec: 0 },
    env: file.env,
    tz: file.timezone?.value ?? 'UTC',
    hostname: file.hostname ?? 'fluentd',
  };
  const sim = buildSimulation(tree, { env, ...(kube ? { kube } : {}) });
  if (sim.configError)
    return {
      ok: false,
      file,
      problems: [at(file.config, 'test-config-error', `Fluentd would not start with this config: ${sim.configError}`)],
    };
  return { ok: true, file, sim, env, configPath, names: configNames(tree) };
}

const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function at(l: Located<unknown>, code: string, message: string): Problem {
  return { range: l.range, severity: 'error', code, message };
}

/** Pods from a JSON file: a list, a PodList ({items}), or {"pods": […], "namespaces": […]}. */
export function readKube(path: string, host: TestHost): KubeFixture | { error: string } {
  const text = host.readText(path);
  if (typeof text !== 'string') return { error: `Cannot read the pod fixture ${path}: ${text.error}` };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `The pod fixture ${path} is not JSON: ${(e as Error).message}` };
  }
  if (Array.isArray(v)) return { pods: v };
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.items)) return { pods: o.items };
    if (Array.isArray(o.pods)) return { pods: o.pods, ...(Array.isArray(o.namespaces) ? { namespaces: o.namespaces } : {}) };
  }
  return { error: `The pod fixture ${path} must be a list of pods, a PodList or {"pods": [...]}.` };
}

export interface RunOptions {
  /** Only these tests (by index); all when absent. */
  only?: ReadonlySet<number>;
  limits?: RunLimits;
  /** Called as each test ends (the Test Explorer shows results as they come). */
  onResult?(r: TestResult): void;
  /** Asked between tests; true stops the run (the rest are skipped). */
  cancelled?(): boolean;
}

export function runPrepared(p: Extract<PreparedFile, { ok: true }>, options: RunOptions = {}): TestResult[] {
  const limits = options.limits ?? DEFAULT_RUN_LIMITS;
  const deadline = performance.now() + limits.fileMs;
  const results: TestResult[] = [];
  for (const t of p.file.tests) {
    if (options.only && !options.only.has(t.index)) continue;
    let r: TestResult;
    if (options.cancelled?.()) r = skipped(t, 'cancelled');
    else if (performance.now() > deadline) r = skipped(t, `not run: the file's ${limits.fileMs / 1000} s budget ran out`);
    else r = runTest(p, t, limits.test);
    results.push(r);
    options.onResult?.(r);
  }
  return results;
}

function skipped(t: TestCase, why: string): TestResult {
  return { name: t.name, index: t.index, range: t.nameRange, status: 'skipped', durationMs: 0, failures: [], received: [], notes: [why] };
}

/** Runs one test: its inputs in order, then its expectations on what the outputs received. */
export function runTest(p: Extract<PreparedFile, { ok: true }>, t: TestCase, budget: Budget): TestResult {
  const { sim, env, names } = p;
  const started = performance.now();
  const failures: TestFailure[] = [];
  const notes: string[] = [];
  const deliveries: Delivery[] = [];
  let unmatched = 0;
  for (const input of t.inputs) {
    const routed = routeInputOf(sim, env, input);
    if ('error' in routed) {
      failures.push({ message: routed.error, range: routed.range });
      continue;
    }
    const r = runRoute(sim, routed.input, { budget });
    if ('configError' in r) {
      failures.push({ message: r.configError, range: input.range });
      continue;
    }
    deliveries.push(...r.deliveries);
    unmatched += r.unmatched.length;
    notes.push(...notesOf(r));
  }
  const setupErrors = failures.length;
  for (const x of t.expect) failures.push(...checkExpectation(names, x, deliveries));
  for (const o of t.noOutputFrom) {
    const known = outputKnown(names, deliveries, o.value);
    if (!known) failures.push({ message: `No output has @id or <match> pattern '${o.value}' in the config.`, range: o.range });
    const got = deliveries.filter((d) => selects(d, o.value));
    if (got.length)
      failures.push({ message: `${o.value} received ${events(got.length)}; expected none. First: ${oneLine(got[0])}`, range: o.range });
  }
  if (t.unmatched && t.unmatched.value !== unmatched)
    failures.push({ message: `${events(unmatched)} matched no <match>; expected ${t.unmatched.value}.`, range: t.unmatched.range });
  const status: TestStatus = !failures.length ? 'passed' : setupErrors || notes.length ? 'errored' : 'failed';
  return {
    name: t.name,
    index: t.index,
    range: t.nameRange,
    status,
    durationMs: performance.now() - started,
    failures,
    received: receivedSummary(deliveries, unmatched),
    notes: [...new Set(notes)],
  };
}

function routeInputOf(
  sim: Simulation,
  env: SimulationEnvironment,
  input: TestCase['inputs'][number],
): { input: RouteInput } | { error: string; range: Range } {
  let src: SimSource | undefined;
  if (input.source) {
    src = sim.sources.find((s) => s.id === input.source!.value);
    if (!src) {
      const ids = sim.sources.map((s) => s.id).filter((x): x is string => x !== undefined);
      return {
        error: `No <source> has @id '${input.source.value}'${ids.length ? ` (the config has ${ids.join(', ')})` : ' (no source has an @id)'}.`,
        range: input.source.range,
      };
    }
  }
  if (input.lines) {
    if (!src || src.type !== 'tail')
      return {
        error: `Raw lines are read by an in_tail source; '${input.source?.value ?? ''}' is @type ${src?.type ?? '?'}: send a record instead.`,
        range: input.source?.range ?? input.range,
      };
    const path = input.path ?? samplePath(safeParam(src, 'path') ?? '');
    return { input: { kind: 'tail', path, lines: input.lines, source: src.id ?? 0 } };
  }
  const tag = input.tag ?? (src ? safeParam(src, 'tag') : undefined);
  if (tag === undefined)
    return { error: `The source '${input.source?.value ?? ''}' has no tag: give the input a \`tag\`.`, range: input.range };
  const label = input.label?.value ?? (src && src.router.label ? src.router.label : undefined);
  if (label !== undefined && !sim.labels.has(label))
    return {
      error: `No <label ${label}> in the config (it has ${[...sim.labels.keys()].join(', ') || 'none'}).`,
      range: input.label?.range ?? input.range,
    };
  return {
    input: {
      kind: 'events',
      events: [{ tag, time: input.time ?? env.now, record: input.record ?? {}, ...(label !== undefined ? { label } : {}) }],
    },
  };
}

function safeParam(src: SimSource, key: string): string | undefined {
  try {
    return param(src.el, key);
  } catch {
    return undefined;
  }
}

function notesOf(r: RouteResult): string[] {
  const out = r.notSimulated.map((n) => `not simulated: ${n.what}${n.ref ? ` (${n.ref.title})` : ''}`);
  if (r.stopped) out.push(`stopped: ${r.stopped.message}${r.stopped.ref ? ` (at ${r.stopped.ref.title})` : ''}`);
  for (const p of r.pending) out.push(`held back: ${p.ref.title}: ${p.message}`);
  return out;
}

/** An output selector: the @id of a <match> or <store>, or a <match> pattern as written. */
export function selects(d: Delivery, selector: string): boolean {
  return d.id === selector || (d.id === null && d.match === selector) || d.match === selector;
}

/** Whether the config has an output the selector names. */
export function outputKnown(names: ConfigNames, deliveries: readonly Delivery[], selector: string): boolean {
  if (deliveries.some((d) => selects(d, selector))) return true;
  return names.outputs.some((o) => o.id === selector || o.pattern === selector);
}

function checkExpectation(names: ConfigNames, x: Expectation, deliveries: readonly Delivery[]): TestFailure[] {
  const mine = deliveries.filter((d) => selects(d, x.output.value));
  const name = x.output.value;
  if (!mine.length) {
    if (!outputKnown(names, deliveries, name))
      return [{ message: `No output has @id or <match> pattern '${name}' in the config.`, range: x.output.range }];
    if (x.count === 0) return [];
    const elsewhere = deliveries.length
      ? ` The events went to: ${receivedSummary(deliveries, 0).join('; ')}.`
      : ' No output received anything.';
    return [{ message: `${name} received nothing.${elsewhere}`, range: x.output.range }];
  }
  const failures: TestFailure[] = [];
  if (x.count !== undefined && mine.length !== x.count)
    failures.push({ message: `${name} received ${events(mine.length)}; expected ${x.count}.`, range: x.range });
  const checks = conditionsOf(x);
  if (!checks.length) return failures;
  // one event must meet every condition; report the event that came closest
  let best: { d: Delivery; misses: string[] } | undefined;
  for (const d of mine) {
    const misses = checks.map((c) => c(d)).filter((m): m is string => m !== undefined);
    if (!misses.length) return failures;
    if (!best || misses.length < best.misses.length) best = { d, misses };
  }
  const which = mine.length === 1 ? 'its event' : `none of its ${mine.length} events meets them all; the closest`;
  failures.push({
    message: `${name}: ${which}: ${best!.misses.join('; ')}.\nReceived (tag ${best!.d.tag}, time ${eventTimeText(best!.d.time)}):\n${prettyRecord(best!.d.record, 4000)}`,
    range: x.range,
  });
  return failures;
}

type Check = (d: Delivery) => string | undefined;

function conditionsOf(x: Expectation): Check[] {
  const out: Check[] = [];
  const cond =
    (label: string, c: Condition, value: (d: Delivery) => ReturnType<typeof fieldValue>): Check =>
    (d) => {
      let v;
      try {
        v = value(d);
      } catch (e) {
        return `${label}: ${(e as Error).message}`;
      }
      const r = check(c, v);
      return r.ok ? undefined : `${label} ${r.why}`;
    };
  if (x.tag) out.push(cond('the tag', x.tag, (d) => d.tag));
  for (const f of x.fields)
    out.push(
      cond(`field ${f.field}`, f.condition, (d) => {
        if (!isHash(d.record)) throw new Error(`the output received ${shown(d.record)}, not a Hash`);
        return fieldValue(d.record, f.field);
      }),
    );
  for (const k of x.destination) out.push(cond(`the destination's ${k.key}`, k.condition, (d) => destinationField(d.destination, k.key)));
  return out;
}

const DESTINATION_FIELDS: Record<string, [Destination['kind'][], string]> = {
  log_group: [['cloudwatch_logs'], 'group'],
  log_stream: [['cloudwatch_logs'], 'stream'],
  stream: [['kinesis_streams', 'kinesis_firehose'], 'stream'],
  partition_key: [['kinesis_streams', 'kinesis_firehose'], 'partitionKey'],
  index: [['elasticsearch', 'opensearch'], 'index'],
  bucket: [['s3'], 'bucket'],
  path: [['s3'], 'path'],
};

function destinationField(d: Destination | undefined, key: string): string | undefined {
  const spec = DESTINATION_FIELDS[key];
  if (!spec) throw new Error(`unknown destination key ${key}`);
  if (!d) throw new Error('where this output writes is not simulated');
  if (!spec[0].includes(d.kind)) throw new Error(`the output writes to ${d.kind}, which has no ${key}`);
  const v = (d as unknown as Record<string, unknown>)[spec[1]];
  return typeof v === 'string' ? v : undefined;
}

function events(n: number): string {
  return `${n} event${n === 1 ? '' : 's'}`;
}

function oneLine(d: Delivery): string {
  return `tag ${d.tag} ${shown(d.record, 300)}`;
}

function receivedSummary(deliveries: readonly Delivery[], unmatched: number): string[] {
  const counts = new Map<string, number>();
  for (const d of deliveries) {
    const k = d.id ?? `<match ${d.match}> ${d.type}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out = [...counts].map(([k, n]) => `${k}: ${events(n)}`);
  if (unmatched) out.push(`no <match>: ${events(unmatched)}`);
  return out;
}
