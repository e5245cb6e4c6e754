// "Try log lines…": sample lines through the <source> or <parse> at a position of a config, with
// the whole config around it (includes resolved). Per line the parsed time and record, or why
// Fluentd rejects it (where the regexp stopped matching, the time error); for a source, each
// event's route (filters with the record after each, the match, the destination). Every run is
// bounded: lines past MAX_PLAYGROUND_LINES are not run, and parsing and routing each stop at a
// time budget and say so.
import type { ConfigTree } from '../../includes/tree';
import type { ElementNode } from '../../parser/ast';
import type { ParseResult } from '../../parser';
import { compileParse, parseYajl, type CompiledParser } from '../parse';
import { buildSimulation, type Simulation } from '../route/build';
import { runRoute } from '../route/engine';
import { parseEngine } from '../route/parsers';
import { tailSources, tailTag } from '../route/in-tail';
import type { EventTrace, RouteResult } from '../route/types';
import type { Budget, EventRecord, ParseOutcome, SimulationEnvironment } from '../types';
import { eventTimeText, prettyRecord, visibleLine } from '../view/record-text';
import { traceInputText, traceRows } from '../view/trace-rows';
import {
  MAX_PLAYGROUND_LINES,
  type LineResult,
  type PlaygroundParams,
  type PlaygroundResult,
  type PlaygroundTarget,
  type RouteView,
} from './protocol';
import { targetAt, typeOf, type TryTarget } from './target';
import { param } from '../../walk';

/** The whole config a document belongs to, and the document's own parse. */
export interface PlaygroundContext {
  tree: ConfigTree;
  self: { uri: string; parsed: ParseResult };
}

export interface PlaygroundLimits {
  /** Time for parsing the lines (the per-line view). */
  parseMs: number;
  /** The routing run's budget. */
  route: Budget;
  /** Routed events shown with their trace; the rest are counted. */
  tracedEvents: number;
  /** Lines longer than this are not explained (where the regexp stopped is itself a search). */
  explainChars: number;
}

export const PLAYGROUND_LIMITS: PlaygroundLimits = {
  parseMs: 3000,
  route: { timeMs: 3000, steps: 500_000 },
  tracedEvents: 200,
  explainChars: 20_000,
};

export function runPlayground(
  ctx: PlaygroundContext,
  params: PlaygroundParams,
  env: SimulationEnvironment,
  limits: PlaygroundLimits = PLAYGROUND_LIMITS,
): PlaygroundResult {
  const started = performance.now();
  const done = (r: Omit<PlaygroundResult, 'elapsedMs'>): PlaygroundResult => ({ ...r, elapsedMs: performance.now() - started });
  const target = targetAt(ctx.self.parsed, params.position);
  if (!target)
    return done({
      error: 'Put the cursor in a <source> or a <parse> section: sample lines are tried there.',
      warnings: [],
      lines: [],
    });
  const warnings: string[] = [];
  let lines = params.lines;
  if (lines.length > MAX_PLAYGROUND_LINES) {
    warnings.push(`Only the first ${MAX_PLAYGROUND_LINES} of ${lines.length} lines are tried.`);
    lines = lines.slice(0, MAX_PLAYGROUND_LINES);
  }
  const shown = describe(target, ctx.self.uri, params);

  if (target.mode === 'events') {
    const route = routeRecords(ctx.tree, target.source, lines, params, env, limits);
    return done({ target: shown, warnings, lines: route.lines, route: route.view });
  }
  const parseEl = target.parse;
  if (!parseEl) return done({ target: shown, error: 'This in_tail <source> has no <parse> section.', warnings, lines: [] });
  const compiled = compileParse(parseEl, env);
  if (!compiled.ok) {
    const why =
      'configError' in compiled ? `Fluentd refuses this <parse>: ${compiled.configError}` : `Not simulated: ${compiled.notSimulated}`;
    return done({ target: shown, error: why, warnings, lines: [] });
  }
  const parser = compiled.parser;
  warnings.push(...parser.warnings);
  const results = parseLines(parser, lines, limits);
  if (target.mode === 'parse') return done({ target: shown, warnings, lines: results });
  const route = routeTail(ctx.tree, target.source, lines, shown.path ?? '', env, limits, { node: parseEl, parser });
  return done({ target: shown, warnings, lines: results, route });
}

function describe(target: TryTarget, uri: string, params: PlaygroundParams): PlaygroundTarget {
  const el = target.mode === 'parse' ? target.parse : target.source;
  const id = param(el, '@id')?.value?.text;
  const type = typeOf(el);
  const title = `<${el.name}${el.arg ? ` ${el.arg}` : ''}>${type ? ` @type ${type}` : ''}${id ? ` (@id ${id})` : ''}`;
  const out: PlaygroundTarget = { mode: target.mode, title, uri, range: el.openRange };
  if (target.mode === 'parse') out.parserType = type;
  if (target.mode === 'tail') {
    out.parserType = target.parse ? typeOf(target.parse) : undefined;
    out.path = params.path || samplePath(param(target.source, 'path')?.value?.text ?? '');
    const tagParam = param(target.source, 'tag')?.value?.text;
    if (tagParam !== undefined) out.tag = tailTag(tagParam, out.path);
  }
  if (target.mode === 'events') out.tag = params.tag || param(target.source, 'tag')?.value?.text || '';
  return out;
}

/**
 * A file path in_tail could be reading for a `path` parameter: its first entry with each `*`
 * filled in. Under /var/log/containers the name takes the kubelet's form
 * (<pod>_<namespace>_<container>-<64 hex>.log) so that kubernetes_metadata can read it.
 */
export function samplePath(pathParam: string): string {
  const first = pathParam.split(',')[0]?.trim() ?? '';
  if (!first) return '/var/log/sample.log';
  if (/^\/var\/log\/containers\/\*\.log$/.test(first)) return `/var/log/containers/app-0_default_app-${'0'.repeat(64)}.log`;
  return first.replace(/\*\*?/g, 'sample').replace(/[?[\]{}]/g, '');
}

function parseLines(parser: CompiledParser, lines: readonly string[], limits: PlaygroundLimits): LineResult[] {
  const deadline = performance.now() + limits.parseMs;
  const out: LineResult[] = [];
  const groups = parser.firstline ? multilineGroups(lines, parser.firstline) : lines.map((text, index) => ({ index, text }));
  for (const g of groups) {
    if (performance.now() > deadline) {
      out.push({
        index: g.index,
        text: visibleLine(g.text),
        kind: 'skipped',
        message: `not run: the ${limits.parseMs} ms budget for parsing ran out`,
      });
      continue;
    }
    out.push(lineResult(parser, g.index, g.text, limits));
  }
  return out;
}

/** in_tail with multiline: a line that matches format_firstline starts an event; the lines before the first are skipped. */
function multilineGroups(lines: readonly string[], firstline: (l: string) => boolean): { index: number; text: string }[] {
  const groups: { index: number; text: string[] }[] = [];
  lines.forEach((l, i) => {
    if (firstline(l) || !groups.length) groups.push({ index: i, text: [l] });
    else groups[groups.length - 1].text.push(l);
  });
  return groups.map((g) => ({ index: g.index, text: g.text.join('\n') }));
}

function lineResult(parser: CompiledParser, index: number, text: string, limits: PlaygroundLimits): LineResult {
  const outcome: ParseOutcome = parser.parse(text);
  const base = { index, text: visibleLine(text) };
  switch (outcome.kind) {
    case 'record':
    case 'value':
      return {
        ...base,
        kind: 'record',
        ...(outcome.time
          ? { time: eventTimeText(outcome.time), timeParts: [outcome.time.sec, outcome.time.nsec] as [number, number] }
          : { message: 'no time: in_tail drops such a record ("pattern not matched"); the parser filter keeps the event time' }),
        record: prettyRecord(outcome.kind === 'record' ? outcome.record : outcome.value),
        ...(notes(outcome).length ? { notes: notes(outcome) } : {}),
      };
    case 'nomatch': {
      let why = outcome.why;
      if (!why) {
        if (parser.warnings.length) why = 'not explained: the regexp can backtrack catastrophically';
        else if (text.length > limits.explainChars) why = `not explained: the line is over ${limits.explainChars} characters`;
        else why = parser.explain(text);
      }
      return { ...base, kind: 'nomatch', message: 'pattern not matched', ...(why ? { why } : {}) };
    }
    case 'error':
      return { ...base, kind: 'error', message: outcome.message };
    case 'not-simulated':
      return { ...base, kind: 'not-simulated', message: outcome.what };
  }
}

/** What the per-line view says beside a record: a JSON value that is not an object, another setup's answer. */
function notes(o: Extract<ParseOutcome, { kind: 'record' | 'value' }>): string[] {
  const out: string[] = [];
  if (o.kind === 'value')
    out.push('the JSON is not an object: Fluentd passes this value on as the record, and most filters and outputs expect a Hash');
  if (o.note) out.push(o.note);
  return out;
}

/** The simulation; the <parse> already compiled for the per-line view is reused for its in_tail source. */
function build(tree: ConfigTree, env: SimulationEnvironment, reuse?: { node: ElementNode; parser: CompiledParser }): Simulation {
  if (!reuse) return buildSimulation(tree, { env });
  const engine = parseEngine(env);
  return buildSimulation(tree, {
    env,
    parsers: (section) => (section.node === reuse.node ? { ok: true, parse: (text) => reuse.parser.parse(text) } : engine(section)),
  });
}

function routeTail(
  tree: ConfigTree,
  source: ElementNode,
  lines: readonly string[],
  path: string,
  env: SimulationEnvironment,
  limits: PlaygroundLimits,
  reuse: { node: ElementNode; parser: CompiledParser },
): RouteView {
  const sim = build(tree, env, reuse);
  if (sim.configError) return emptyRoute(`Fluentd would not start with this config: ${sim.configError}`);
  const index = tailSources(sim).findIndex((s) => s.el.node === source);
  if (index < 0)
    return emptyRoute('This <source> is not part of the config Fluentd reads (an @include that is cut, or a <worker> other than 0).');
  const r = runRoute(sim, { kind: 'tail', path, lines, source: index }, { budget: limits.route, trace: true });
  return 'configError' in r ? emptyRoute(r.configError) : routeView(r, limits);
}

function routeRecords(
  tree: ConfigTree,
  source: ElementNode,
  lines: readonly string[],
  params: PlaygroundParams,
  env: SimulationEnvironment,
  limits: PlaygroundLimits,
): { lines: LineResult[]; view: RouteView } {
  const results: LineResult[] = [];
  const events: { tag: string; time: SimulationEnvironment['now']; record: EventRecord; label?: string }[] = [];
  const sim = build(tree, env);
  const src = sim.sources.find((s) => s.el.node === source);
  const tag = params.tag || param(source, 'tag')?.value?.text || 'sample';
  lines.forEach((text, index) => {
    if (!text.trim()) return;
    const parsed = parseYajl(text);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      const why = !parsed.ok ? ('error' in parsed ? parsed.error : parsed.notSimulated) : 'a record must be a JSON object';
      results.push({ index, text: visibleLine(text), kind: 'bad-json', message: `not a JSON record: ${why}` });
      return;
    }
    const record = parsed.value as EventRecord;
    results.push({ index, text: visibleLine(text), kind: 'record', record: prettyRecord(record) });
    events.push({ tag, time: env.now, record, ...(src?.router.label ? { label: src.router.label } : {}) });
  });
  if (sim.configError) return { lines: results, view: emptyRoute(`Fluentd would not start with this config: ${sim.configError}`) };
  if (!src) return { lines: results, view: emptyRoute('This <source> is not part of the config Fluentd reads.') };
  const r = runRoute(sim, { kind: 'events', events }, { budget: limits.route, trace: true });
  return { lines: results, view: 'configError' in r ? emptyRoute(r.configError) : routeView(r, limits) };
}

function emptyRoute(stopped: string): RouteView {
  return { events: [], unmatched: 0, warnings: [], notSimulated: [], pending: [], stopped };
}

export function routeView(r: RouteResult, limits: Pick<PlaygroundLimits, 'tracedEvents'> = PLAYGROUND_LIMITS): RouteView {
  const traces: EventTrace[] = r.traces ?? [];
  const events = traces.slice(0, limits.tracedEvents).map((t) => ({ input: traceInputText(t), rows: traceRows(t) }));
  const view: RouteView = {
    events,
    unmatched: r.unmatched.length,
    warnings: r.warnings.slice(0, 100),
    notSimulated: r.notSimulated.map((n) => (n.ref ? `${n.what} (${n.ref.title})` : n.what)),
    pending: r.pending.map((p) => `${p.ref.title}: ${p.message}`),
  };
  if (traces.length > limits.tracedEvents) view.warnings.unshift(`${traces.length - limits.tracedEvents} more events are not shown.`);
  if (r.stopped) view.stopped = r.stopped.message + (r.stopped.ref ? ` (at ${r.stopped.ref.title})` : '');
  return view;
}
