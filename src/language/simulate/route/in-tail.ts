// in_tail for one file: each line (chomped) through the source's parser; a record is
// an event (with path_key), a rejected line is the warning in_tail logs ("pattern not
// matched: …", or "invalid line found: …" for a parser error) and, with
// emit_unmatched_lines, an {"unmatched_line"} event; the events go out together under
// the file's tag: `*` in `tag` replaced by the path with '/' as '.', squeezed, no
// leading dot.
import { inspectString, rubySplit } from '../ruby/format';
import { setOwn } from '../ruby/hash';
import type { EventRecord } from '../types';
import type { Simulation, SimSource } from './build';
import { sections, param } from './config';
import { boolParam, NotSimulatedError } from './param-types';
import type { ParseOutcome } from '../types';
import { NOT_A_HASH, type Ev } from './records';
import type { Router } from './router';
import type { RunState } from './run-state';
import type { EventTrace, RouteFailure, RouteInput, TraceBranch } from './types';

/** in_tail's tag for a file: the path with '/' as '.', repeated dots squeezed, no leading dot. */
export function pathTag(path: string): string {
  return path
    .replace(/\//g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^\./gm, '');
}

/** The tag in_tail gives the events of a file, from its `tag` parameter. */
export function tailTag(tagParam: string, path: string): string {
  if (!tagParam.includes('*')) return tagParam;
  const parts = rubySplit(tagParam, '*');
  return `${parts[0] ?? ''}${pathTag(path)}${parts[1] ?? ''}`;
}

/** The in_tail sources, in configuration order. */
export function tailSources(sim: Simulation): SimSource[] {
  return sim.sources.filter((s) => s.type === 'tail');
}

type LineParser = (text: string) => ParseOutcome;

const parserCache = new WeakMap<SimSource, LineParser | NotSimulatedError>();

function parserOf(sim: Simulation, src: SimSource): LineParser | NotSimulatedError {
  let p = parserCache.get(src);
  if (!p) {
    const compile = sim.options.parsers;
    if (!compile) p = new NotSimulatedError('parsing lines needs the parse engine, which is not available here');
    else {
      const c = compile(sections(src.el, 'parse')[0] ?? src.el);
      p = c.ok ? c.parse : new NotSimulatedError(c.configError ?? c.notSimulated ?? 'this <parse> section is not simulated');
    }
    parserCache.set(src, p);
  }
  return p;
}

export function tailEvents(
  sim: Simulation,
  input: Extract<RouteInput, { kind: 'tail' }>,
  state: RunState,
  traces: EventTrace[] | undefined,
): { router: Router; tag: string; events: Ev[] } | RouteFailure {
  const sources = tailSources(sim);
  const sel = input.source ?? 0;
  const src = typeof sel === 'number' ? sources[sel] : sources.find((s) => s.id === sel);
  if (!src) return { configError: `Fluent::ConfigError: no in_tail source ${sel}` };
  const tagParam = param(src.el, 'tag');
  if (tagParam === undefined) return { configError: "Fluent::ConfigError: 'tag' parameter is required" };
  const tag = tailTag(tagParam, input.path);
  const pathKey = param(src.el, 'path_key');
  const emitUnmatched = boolParam(src.el, 'emit_unmatched_lines', false);
  const parse = parserOf(sim, src);
  const events: Ev[] = [];
  for (const raw of input.lines) {
    const line = chomp(raw);
    const branch: TraceBranch | undefined = traces ? { tag, label: src.router.label, steps: [] } : undefined;
    if (traces && branch) traces.push({ input: { line: raw }, root: branch });
    state.step(src.el.ref);
    if (parse instanceof NotSimulatedError) {
      branch?.steps.push({ kind: 'parse', line, outcome: 'not-simulated', message: parse.message });
      state.notSimulatedHere(undefined, parse.message, src.el.ref, tag);
      continue;
    }
    const out = parse(line);
    if (out.kind === 'record' && out.time !== null) {
      const record: EventRecord = out.record;
      if (pathKey !== undefined && (record[pathKey] === undefined || record[pathKey] === null || record[pathKey] === false))
        setOwn(record, pathKey, input.path);
      branch?.steps.push({ kind: 'parse', line, outcome: 'record' });
      events.push({ time: out.time, record, branch });
      continue;
    }
    if (out.kind === 'value' && out.time !== null && pathKey === undefined) {
      branch?.steps.push({ kind: 'parse', line, outcome: 'record' });
      events.push({ time: out.time, record: {}, value: out.value, branch });
      continue;
    }
    if (out.kind === 'value' && out.time !== null) {
      const what = `path_key on ${NOT_A_HASH}`;
      branch?.steps.push({ kind: 'parse', line, outcome: 'not-simulated', message: what });
      state.notSimulatedHere(undefined, what, src.el.ref, tag);
      continue;
    }
    if (out.kind === 'record' || out.kind === 'value' || out.kind === 'nomatch') {
      if (emitUnmatched) {
        const record: EventRecord = { unmatched_line: line };
        if (pathKey !== undefined) setOwn(record, pathKey, input.path);
        events.push({ time: sim.options.env.now, record, branch });
      }
      state.warnings.push(`pattern not matched: ${inspectString(line)}`);
      branch?.steps.push({ kind: 'parse', line, outcome: 'nomatch', ...(out.kind === 'nomatch' && out.why ? { message: out.why } : {}) });
      continue;
    }
    if (out.kind === 'error') {
      // in_tail logs the error's to_s: its message without the class the parse engine puts first
      state.warnings.push(`invalid line found: ${out.message.replace(/^[A-Z][\w:]*: /, '')}`);
      branch?.steps.push({ kind: 'parse', line, outcome: 'error', message: out.message });
      continue;
    }
    branch?.steps.push({ kind: 'parse', line, outcome: 'not-simulated', message: out.what });
    state.notSimulatedHere(undefined, out.what, src.el.ref, tag);
  }
  return { router: src.router, tag, events };
}

/** String#chomp: one trailing \n, \r\n or \r. */
function chomp(s: string): string {
  if (s.endsWith('\r\n')) return s.slice(0, -2);
  if (s.endsWith('\n') || s.endsWith('\r')) return s.slice(0, -1);
  return s;
}
