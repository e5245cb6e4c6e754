// Names and shapes shared by the language server, the extension and the playground webview for
// "Try log lines…" (kept free of runtime imports: the extension bundle takes nothing else from here).
import type { TraceRow } from '../view/trace-rows';

/** The command the "Try log lines…" code lens runs (arguments: uri, position). */
export const TRY_LOG_LINES_COMMAND = 'fluentd.tryLogLines';
/** The LSP request that runs sample lines through the <source> or <parse> at a position. */
export const PLAYGROUND_REQUEST = 'fluentd/simulate/playground';

/** At most this many sample lines per run; the rest are reported as not run. */
export const MAX_PLAYGROUND_LINES = 5000;

export interface SimulationSettings {
  /** Environment for `#{ENV[...]}` (the DaemonSet's env). */
  env?: Record<string, string>;
  /** The process time zone Fluentd runs with (TZ); default UTC. */
  timezone?: string;
  /** Seconds since the epoch for time-less records and year-less formats; default now. */
  now?: number;
}

export interface PlaygroundParams extends SimulationSettings {
  textDocument: { uri: string };
  /** A position inside the <source> or <parse> to try. */
  position: { line: number; character: number };
  /** Sample lines (in_tail, parse sections) or JSON records (other sources). */
  lines: string[];
  /** in_tail: the file the lines are read from (gives the tag); default: from the source's `path`. */
  path?: string;
  /** Sources other than in_tail: the tag of the events; default: the source's `tag`. */
  tag?: string;
}

export interface PlaygroundTarget {
  /** 'tail': lines through the source's parser and then the route; 'events': JSON records routed; 'parse': a parser only. */
  mode: 'tail' | 'events' | 'parse';
  /** e.g. `<source> @type tail (@id in_tail_container_logs)`. */
  title: string;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The parser's @type (tail, parse). */
  parserType?: string;
  /** in_tail: the file path the lines are taken to come from, and the tag that gives. */
  path?: string;
  tag?: string;
}

export type LineKind = 'record' | 'nomatch' | 'error' | 'not-simulated' | 'bad-json' | 'skipped';

export interface LineResult {
  /** 0-based index into the sample lines. */
  index: number;
  /** The line as shown (control characters visible, long lines cut). */
  text: string;
  kind: LineKind;
  /** Parsed time, ISO 8601 UTC with nanoseconds, and as Fluentd's [sec, nsec]. */
  time?: string;
  timeParts?: [number, number];
  record?: string;
  /** The error as Fluentd raises it, or what is not simulated. */
  message?: string;
  /** For a rejected line: where the regexp stopped matching. */
  why?: string;
  /** Beside a record: what is unusual about it (a JSON value that is not an object, what Fluentd with the oj gem would do). */
  notes?: string[];
}

export interface RouteEventView {
  /** The sample line (or record) the event came from. */
  input: string;
  rows: TraceRow[];
}

export interface RouteView {
  events: RouteEventView[];
  /** Events no <match> took. */
  unmatched: number;
  /** in_tail's warnings (pattern not matched …). */
  warnings: string[];
  notSimulated: string[];
  /** Events a filter still holds at the end (concat). */
  pending: string[];
  /** The run's budget ran out, or events went round a loop. */
  stopped?: string;
}

export interface PlaygroundResult {
  target?: PlaygroundTarget;
  /** Why nothing could be tried (no <source>/<parse> here, Fluentd would refuse the config…). */
  error?: string;
  /** Warnings about the section (catastrophic backtracking) and the input (lines cut). */
  warnings: string[];
  lines: LineResult[];
  route?: RouteView;
  /** Server-side time of the run, in milliseconds. */
  elapsedMs: number;
}
