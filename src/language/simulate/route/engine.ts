// Runs input through a built simulation: events given as tag + time + record (at the
// root or at a label), or lines of a file read by an in_tail source (parsed with its
// <parse>, tagged as in_tail tags that file). Returns every delivery, the unmatched
// events, in_tail's warnings, what was not simulated, where the budget stopped the run,
// and on request a trace per input event.
import type { Budget } from '../types';
import type { Simulation } from './build';
import { tailEvents } from './in-tail';
import type { Ev } from './records';
import { RunState, StopRun, type ErrorSink } from './run-state';
import type { EventTrace, RouteFailure, RouteInput, RouteResult } from './types';

export type { RouteFailure, RouteInput } from './types';

export interface RunOptions {
  budget: Budget;
  /** Record a trace per input event (each filter with the record after it, each match, fork, delivery). */
  trace?: boolean;
}

export const DEFAULT_BUDGET: Budget = { timeMs: 5_000, steps: 2_000_000 };

export function runRoute(sim: Simulation, input: RouteInput, options: RunOptions): RouteResult | RouteFailure {
  if (sim.configError) return { configError: sim.configError };
  const state = new RunState(sim.options.env, options.budget, options.trace === true, errorSink(sim));
  const traces: EventTrace[] | undefined = options.trace ? [] : undefined;
  try {
    if (input.kind === 'events') {
      for (const e of input.events) {
        let router = e.label === undefined ? sim.root : sim.labels.get(e.label);
        if (!router) return { configError: `ArgumentError: ${e.label} label not found` };
        if (e.source !== undefined) {
          const src = sim.sources.find((s) => s.id === e.source);
          if (!src) return { configError: `no source with @id ${e.source}` };
          router = src.router;
        }
        const ev: Ev = { time: e.time, record: e.record };
        if (traces) {
          ev.branch = { tag: e.tag, label: router.label, steps: [] };
          traces.push({
            input: { tag: e.tag, time: e.time, record: state.snapshot(e.record), ...(e.label ? { label: e.label } : {}) },
            root: ev.branch,
          });
        }
        router.emit(state, e.tag, ev);
      }
    } else {
      const tail = tailEvents(sim, input, state, traces);
      if ('configError' in tail) return tail;
      tail.router.emitStream(state, tail.tag, tail.events);
    }
  } catch (e) {
    if (!(e instanceof StopRun)) throw e;
    return { ...state.result(e.stopped), ...(traces ? { traces } : {}) };
  }
  return { ...state.result(), ...(traces ? { traces } : {}) };
}

/** Fluentd's emit_error_event: to the @ERROR label's router when there is one, else only a log line. */
function errorSink(sim: Simulation): ErrorSink {
  return {
    emitErrorEvent(state, tag, ev, message, ref) {
      const errorRouter = sim.errorRouter;
      if (!errorRouter) {
        state.trace(ev, {
          kind: 'dropped',
          message: `error event (${message}): Fluentd only logs it, there is no <label @ERROR>`,
          ...(ref ? { ref } : {}),
        });
        return;
      }
      const branch = state.branch(tag, '@ERROR');
      if (branch) state.trace(ev, { kind: 'fork', why: 'error', message, branches: [branch] });
      errorRouter.emit(state, tag, { time: ev.time, record: ev.record, ...(ev.value !== undefined ? { value: ev.value } : {}), branch });
    },
  };
}
