// What a routing run reports: every delivery (the output, the event as it receives it,
// where it would write), the events no <match> took, in_tail's warnings, what could not
// be simulated, where a budget stopped the run, and — on request — a trace per input
// event: each filter with the record after it, each match, relabel, copy and re-emit.
import type { Range } from '../../types';
import type { BareValue, EventRecord, EventTime } from '../types';

/** A config element a step refers to (for links and titles in the editor). */
export interface ElementRef {
  uri: string;
  range: Range;
  /** e.g. `<filter kube.**> @type grep`, `<store> @type cloudwatch_logs`. */
  title: string;
  type?: string;
  /** The `@id`, when set. */
  id?: string;
}

/** Where an output would write the event (its own parameters and placeholders applied). */
export type Destination =
  | { kind: 'cloudwatch_logs'; group?: string; stream?: string; notes?: string[] }
  | { kind: 'kinesis_streams' | 'kinesis_firehose'; stream?: string; partitionKey?: string; notes?: string[] }
  | { kind: 'elasticsearch' | 'opensearch'; index?: string; notes?: string[] }
  | { kind: 's3'; bucket?: string; path?: string; notes?: string[] }
  | { kind: 'discarded' };

/** One event as one output receives it. */
export interface Delivery {
  /** The `<match>` pattern that took the event (a `<store>` reports its `<match>`'s). */
  match: string;
  /** The output's @type. */
  type: string;
  id: string | null;
  tag: string;
  time: EventTime;
  /** A Hash, or what the json parser passed on for JSON that is not an object. */
  record: EventRecord | BareValue;
  /** The `<match>`, or the `<store>` inside it. */
  ref: ElementRef;
  /** The label the `<match>` sits in ('' for the root). */
  label: string;
  destination?: Destination;
}

export interface UnmatchedEvent {
  tag: string;
  label: string;
  time: EventTime;
  record: EventRecord | BareValue;
}

/** A step the engine does not reproduce: the event stopped there. */
export interface NotSimulated {
  /** What is not simulated, e.g. `filter record_transformer with enable_ruby`. */
  what: string;
  ref?: ElementRef;
  tag?: string;
}

export interface Stopped {
  reason: 'steps' | 'time' | 'loop';
  message: string;
  ref?: ElementRef;
}

/** Events a filter still holds when the run ends (concat): they leave later, on a timer. */
export interface Pending {
  ref: ElementRef;
  tag: string;
  events: number;
  message: string;
}

export type FilterOutcome = 'kept' | 'dropped' | 'error' | 'not-simulated';

export type TraceStep =
  | { kind: 'parse'; line: string; outcome: 'record' | 'nomatch' | 'error' | 'not-simulated'; message?: string }
  | { kind: 'filter'; ref: ElementRef; outcome: FilterOutcome; time: EventTime; record: EventRecord | BareValue; message?: string }
  | { kind: 'match'; ref: ElementRef; pattern: string }
  /** An output received the event; `record` is the record at that moment (the delivery's may change later in place). */
  | { kind: 'deliver'; delivery: Delivery; record: EventRecord | BareValue }
  /** No <match> took the event (Fluentd: "no patterns matched"). */
  | { kind: 'unmatched' }
  /** The event goes on in another label (relabel, @label of a store or rule, @ERROR). */
  | { kind: 'label'; label: string; ref?: ElementRef }
  /** The event goes on under a new tag (rewrite_tag_filter). */
  | { kind: 'retag'; tag: string; ref: ElementRef }
  /** The event goes several ways: copy's stores, or an error event besides the event itself. */
  | { kind: 'fork'; why: 'copy' | 'error'; message?: string; branches: TraceBranch[] }
  | { kind: 'not-simulated'; what: string; ref?: ElementRef }
  /** The event ends here without reaching an output (a rewrite rule matched nothing, an error event with no @ERROR label). */
  | { kind: 'dropped'; message: string; ref?: ElementRef }
  | { kind: 'stopped'; message: string };

/** The steps one event took from one point on (a fork starts new branches). */
export interface TraceBranch {
  tag: string;
  /** '' for the root router. */
  label: string;
  steps: TraceStep[];
}

export interface EventTrace {
  /** The input: a line of a file (in_tail) or a given event. */
  input: { line: string } | { tag: string; time: EventTime; record: EventRecord; label?: string };
  root: TraceBranch;
}

export interface RouteResult {
  deliveries: Delivery[];
  unmatched: UnmatchedEvent[];
  /** in_tail's warnings about lines it dropped ("pattern not matched: …"). */
  warnings: string[];
  notSimulated: NotSimulated[];
  pending: Pending[];
  stopped?: Stopped;
  /** One per input event, when asked for. */
  traces?: EventTrace[];
}

export type RouteInput =
  /**
   * Events as a source emits them (in_forward, in_http, …): at the root router, at `label`'s, or at
   * the router of the source with that @id (its own @label, if any).
   */
  | { kind: 'events'; events: readonly { tag: string; time: EventTime; record: EventRecord; label?: string; source?: string }[] }
  /** Lines of the file at `path`, read by the in_tail source with this @id, or the N-th in_tail source (default 0). */
  | { kind: 'tail'; path: string; lines: readonly string[]; source?: number | string };

/** A run that cannot start: the config or the input names something that does not exist. */
export interface RouteFailure {
  configError: string;
}
