// Fluentd's EventRouter: the filters and matches of one scope (the root or a <label>) in
// order; a tag's pipeline is every filter that matches it up to the first <match> that
// matches it (no match: the filtered events are "no patterns matched"). A pipeline
// runs per event when no filter defines its own filter_stream (the "optimized" chain:
// a filter that raises sends an error event and the event goes on unchanged), else
// filter by filter over the stream (a filter that raises drops the event).
import { PatternSet } from '../../routing/pattern';
import type { EventTime, EventRecord } from '../types';
import { NotSimulatedError } from './param-types';
import { NOT_A_HASH, recordOf, type Ev } from './records';
import type { RunState } from './run-state';
import type { ElementRef, FilterOutcome } from './types';

/** A Ruby exception raised inside a filter (Fluentd catches it per event). */
export class RubyError extends Error {
  override readonly name = 'RubyError';
}

export interface FilterPlugin {
  readonly kind: 'filter';
  readonly ref: ElementRef;
  /** The Ruby class defines filter_stream (record_transformer, kubernetes_metadata, concat): no per-event chain. */
  readonly streamOnly: boolean;
  /** It takes a record that is not a Hash as it is (stdout prints any value); other filters are not simulated on one. */
  readonly anyRecord?: boolean;
  /** One event: its new time and record, or null when the filter drops it. Throws RubyError or NotSimulatedError. */
  filter(state: RunState, tag: string, ev: Ev): { time: EventTime; record: EventRecord } | null;
  /** A whole stream at once (filters that join events, like concat); by default each event through filter(). */
  filterStream?(state: RunState, tag: string, es: Ev[]): Ev[];
}

export interface OutputPlugin {
  readonly kind: 'output';
  readonly ref: ElementRef;
  emitEvents(state: RunState, tag: string, es: Ev[]): void;
}

interface Collector {
  emitEvents(state: RunState, tag: string, es: Ev[]): void;
}

interface Rule {
  arg: string;
  patterns: PatternSet;
  plugin: FilterPlugin | OutputPlugin;
}

export class Router {
  private readonly rules: Rule[] = [];
  private readonly cache = new Map<string, Collector>();
  private readonly noMatch: Collector;

  /** `label`: '' for the root router. */
  constructor(readonly label: string) {
    this.noMatch = {
      emitEvents: (state, tag, es) => {
        for (const ev of es) state.noMatch(this.label, tag, ev);
      },
    };
  }

  add(arg: string, plugin: FilterPlugin | OutputPlugin): void {
    this.rules.push({ arg, patterns: PatternSet.of(arg), plugin });
    this.cache.clear();
  }

  emit(state: RunState, tag: string, ev: Ev): void {
    this.emitStream(state, tag, [ev]);
  }

  emitStream(state: RunState, tag: string, es: Ev[]): void {
    if (!es.length) return;
    state.enter(this.label, tag);
    this.collector(state, tag).emitEvents(state, tag, es);
    state.leave();
  }

  private collector(state: RunState, tag: string): Collector {
    let c = this.cache.get(tag);
    if (!c) {
      c = this.find(state, tag);
      if (this.cache.size >= 1024) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(tag, c);
    }
    return c;
  }

  private find(_state: RunState, tag: string): Collector {
    const filters: FilterPlugin[] = [];
    for (const r of this.rules) {
      const hit = r.patterns.test(tag);
      if (hit === undefined) return notSimulatedPattern(r);
      if (!hit) continue;
      if (r.plugin.kind === 'filter') filters.push(r.plugin);
      else return pipeline(filters, matchStep(r.arg, r.plugin));
    }
    return filters.length ? pipeline(filters, this.noMatch) : this.noMatch;
  }
}

/** The match that took the events, in their traces, then its output. */
function matchStep(arg: string, out: OutputPlugin): Collector {
  return {
    emitEvents(state, tag, es) {
      if (state.tracing) for (const ev of es) state.trace(ev, { kind: 'match', ref: out.ref, pattern: arg || '**' });
      out.emitEvents(state, tag, es);
    },
  };
}

function notSimulatedPattern(r: Rule): Collector {
  return {
    emitEvents(state, tag, es) {
      const what = `the pattern ${r.arg} (a Ruby regexp JavaScript cannot run)`;
      for (const ev of es) state.notSimulatedHere(ev, what, r.plugin.ref, tag);
    },
  };
}

function pipeline(filters: FilterPlugin[], output: Collector): Collector {
  if (!filters.length) return output;
  const optimized = filters.every((f) => !f.streamOnly);
  return {
    emitEvents(state, tag, es) {
      const out = optimized ? perEvent(state, tag, es, filters) : perFilter(state, tag, es, filters);
      if (out.length) output.emitEvents(state, tag, out);
    },
  };
}

function traceFilter(state: RunState, f: FilterPlugin, ev: Ev, outcome: FilterOutcome, message?: string): void {
  if (!ev.branch) return;
  state.trace(ev, {
    kind: 'filter',
    ref: f.ref,
    outcome,
    time: ev.time,
    record: state.snapshot(recordOf(ev)),
    ...(message !== undefined ? { message } : {}),
  });
}

/** A filter given a record that is not a Hash: not simulated, the event stops there. */
function notOnBareValue(state: RunState, f: FilterPlugin, ev: Ev, tag: string): void {
  traceFilter(state, f, ev, 'not-simulated', NOT_A_HASH);
  state.notSimulatedHere(undefined, NOT_A_HASH, f.ref, tag);
}

/** EventRouter's optimized chain: each event through every filter; a raising filter leaves the event as it was. */
function perEvent(state: RunState, tag: string, es: Ev[], filters: FilterPlugin[]): Ev[] {
  const out: Ev[] = [];
  for (const ev of es) {
    let cur: Ev = ev;
    let kept = true;
    for (const f of filters) {
      state.step(f.ref);
      if (cur.value !== undefined && !f.anyRecord) {
        notOnBareValue(state, f, cur, tag);
        kept = false;
        break;
      }
      try {
        const r = f.filter(state, tag, cur);
        if (!r) {
          traceFilter(state, f, cur, 'dropped');
          kept = false;
          break;
        }
        // a filter that passes the event on as it is (grep, identity filters) costs no new event
        if (r !== cur) cur = { time: r.time, record: r.record, branch: cur.branch };
        traceFilter(state, f, cur, 'kept');
      } catch (e) {
        if (e instanceof RubyError) {
          traceFilter(state, f, cur, 'error', e.message);
          state.errors.emitErrorEvent(state, tag, cur, e.message, f.ref);
          continue;
        }
        if (e instanceof NotSimulatedError) {
          traceFilter(state, f, cur, 'not-simulated', e.message);
          state.notSimulatedHere(undefined, e.message, f.ref, tag);
          kept = false;
          break;
        }
        throw e;
      }
    }
    if (kept) out.push(cur);
  }
  return out;
}

/** Filter by filter over the stream (Filter#filter_stream): a raising filter drops the event after the error event. */
function perFilter(state: RunState, tag: string, es: Ev[], filters: FilterPlugin[]): Ev[] {
  let acc = es;
  for (const f of filters) {
    if (!acc.length) break;
    if (!f.anyRecord && acc.some((ev) => ev.value !== undefined)) {
      for (const ev of acc) if (ev.value !== undefined) notOnBareValue(state, f, ev, tag);
      acc = acc.filter((ev) => ev.value === undefined);
      if (!acc.length) break;
    }
    if (f.filterStream) {
      state.step(f.ref);
      acc = f.filterStream(state, tag, acc);
      continue;
    }
    const next: Ev[] = [];
    for (const ev of acc) {
      state.step(f.ref);
      try {
        const r = f.filter(state, tag, ev);
        if (!r) {
          traceFilter(state, f, ev, 'dropped');
          continue;
        }
        const n: Ev = r === ev ? ev : { time: r.time, record: r.record, branch: ev.branch };
        traceFilter(state, f, n, 'kept');
        next.push(n);
      } catch (e) {
        if (e instanceof RubyError) {
          traceFilter(state, f, ev, 'error', e.message);
          state.errors.emitErrorEvent(state, tag, ev, e.message, f.ref);
        } else if (e instanceof NotSimulatedError) {
          traceFilter(state, f, ev, 'not-simulated', e.message);
          state.notSimulatedHere(undefined, e.message, f.ref, tag);
        } else throw e;
      }
    }
    acc = next;
  }
  return acc;
}
