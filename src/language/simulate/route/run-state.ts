// The state of one routing run: what the outputs received so far, the unmatched events,
// the warnings, and the budget that bounds the run (steps, wall-clock time, and how
// deep emits nest: a rewrite loop or a label cycle ends here with the tags it went
// round, where Fluentd itself would recurse until its stack overflows).
import { guardedRuns } from '../parse/regexp-guard';
import type { BareValue, Budget, EventRecord, SimulationEnvironment } from '../types';
import { deepCopy, recordOf, type Ev } from './records';
import type { Delivery, ElementRef, NotSimulated, Pending, RouteResult, Stopped, TraceBranch, TraceStep, UnmatchedEvent } from './types';

/** Nested emits deeper than this are a loop (real configs nest a handful: relabel, rewrite, copy). */
export const MAX_EMIT_DEPTH = 64;
/** How often the clock is read (every N steps). */
const CLOCK_EVERY = 256;

export class StopRun extends Error {
  constructor(readonly stopped: Stopped) {
    super(stopped.message);
  }
}

export interface ErrorSink {
  /** Fluentd's emit_error_event: to the @ERROR label when there is one. */
  emitErrorEvent(state: RunState, tag: string, ev: Ev, message: string, ref: ElementRef | undefined): void;
}

export class RunState {
  readonly deliveries: Delivery[] = [];
  readonly unmatched: UnmatchedEvent[] = [];
  readonly warnings: string[] = [];
  readonly notSimulated: NotSimulated[] = [];
  readonly pending: Pending[] = [];
  /** Per-run state of stateful filters (concat's buffers), by element. */
  private readonly plugins = new Map<ElementRef, unknown>();
  private readonly endHooks: (() => void)[] = [];
  private steps = 0;
  private guardedSeen = guardedRuns();
  private readonly deadline: number;
  /** The (label, tag) of each emit in progress, outermost first. */
  private readonly emits: string[] = [];

  constructor(
    readonly env: SimulationEnvironment,
    readonly budget: Budget,
    readonly tracing: boolean,
    readonly errors: ErrorSink,
  ) {
    this.deadline = Date.now() + budget.timeMs;
  }

  /** Counts one step of work (a filter, an output, an emit); stops the run when the budget is spent. */
  step(ref?: ElementRef): void {
    this.steps++;
    if (this.steps > this.budget.steps) {
      throw new StopRun({ reason: 'steps', message: `stopped after ${this.budget.steps} steps`, ...(ref ? { ref } : {}) });
    }
    // the clock is read every CLOCK_EVERY steps, and after any step that ran a guarded regexp
    // (one such match can take up to its own time limit)
    const guarded = guardedRuns();
    const slow = guarded !== this.guardedSeen;
    this.guardedSeen = guarded;
    if ((slow || this.steps % CLOCK_EVERY === 0) && Date.now() > this.deadline) {
      throw new StopRun({ reason: 'time', message: `stopped after ${this.budget.timeMs} ms`, ...(ref ? { ref } : {}) });
    }
  }

  /** Enters an emit into a router; a chain that nests too deep is a loop. */
  enter(label: string, tag: string): void {
    this.emits.push(label ? `${label}:${tag}` : tag);
    if (this.emits.length > MAX_EMIT_DEPTH) {
      const chain = loopOf(this.emits);
      this.emits.length = 0;
      throw new StopRun({
        reason: 'loop',
        message: `events go round without end (${chain.join(' → ')} → …): Fluentd would recurse until its stack overflows`,
      });
    }
  }

  leave(): void {
    this.emits.pop();
  }

  /** Appends a trace step to the event's branch (when tracing). */
  trace(ev: Ev, step: TraceStep): void {
    ev.branch?.steps.push(step);
  }

  /** A snapshot of a record for the trace (later changes in place must not show in earlier steps). */
  snapshot<T extends EventRecord | BareValue>(record: T): T {
    return deepCopy(record);
  }

  /** A new branch under a fork (tracing only). */
  branch(tag: string, label: string): TraceBranch | undefined {
    return this.tracing ? { tag, label, steps: [] } : undefined;
  }

  deliver(d: Delivery, ev: Ev): void {
    this.deliveries.push(d);
    // the delivery keeps the live record (as Fluentd's shared records); the trace keeps it as it was here
    if (ev.branch) this.trace(ev, { kind: 'deliver', delivery: d, record: this.snapshot(d.record) });
  }

  noMatch(label: string, tag: string, ev: Ev): void {
    this.unmatched.push({ tag, label, time: ev.time, record: recordOf(ev) });
    this.trace(ev, { kind: 'unmatched' });
  }

  notSimulatedHere(ev: Ev | undefined, what: string, ref: ElementRef | undefined, tag: string): void {
    if (!this.notSimulated.some((n) => n.what === what && n.ref === ref)) this.notSimulated.push({ what, ...(ref ? { ref } : {}), tag });
    if (ev) this.trace(ev, { kind: 'not-simulated', what, ...(ref ? { ref } : {}) });
  }

  /** The run's state of one plugin, made on first use. */
  pluginState<T>(ref: ElementRef, init: () => T): T {
    if (!this.plugins.has(ref)) this.plugins.set(ref, init());
    return this.plugins.get(ref) as T;
  }

  /** Runs when the run's input is all sent (a filter reports what it still holds). */
  atEnd(hook: () => void): void {
    this.endHooks.push(hook);
  }

  result(stopped?: Stopped): RouteResult {
    for (const h of this.endHooks.splice(0)) h();
    return {
      deliveries: this.deliveries,
      unmatched: this.unmatched,
      warnings: this.warnings,
      notSimulated: this.notSimulated,
      pending: this.pending,
      ...(stopped ? { stopped } : {}),
    };
  }
}

/** The cycle of a chain of emits (from its first repeat), or its first hops when tags keep growing. */
function loopOf(emits: string[]): string[] {
  const seen = new Map<string, number>();
  for (let j = 0; j < emits.length; j++) {
    const i = seen.get(emits[j]);
    if (i !== undefined) return emits.slice(i, j).map(short);
    seen.set(emits[j], j);
  }
  return emits.slice(0, 4).map(short);
}

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
