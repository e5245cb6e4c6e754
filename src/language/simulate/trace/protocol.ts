// Names and shapes shared by the language server, the extension and the trace webview for
// "Trace this event" (kept free of runtime imports: the extension bundle takes nothing from here).
import type { SimulationSettings } from '../playground/protocol';
import type { TraceRow } from '../view/trace-rows';

/** The command on a CloudWatch history line (arguments: the history document's URI, a line). */
export const TRACE_EVENT_COMMAND = 'fluentd.traceEvent';
/** The LSP request: which source, filters and match of a config would have produced an event. */
export const TRACE_EVENT_REQUEST = 'fluentd/simulate/traceEvent';

/** An event as CloudWatch Logs holds it. */
export interface CloudWatchEvent {
  logGroupName: string;
  logStreamName: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
}

export interface TraceEventParams extends SimulationSettings {
  /** The config (fluent.conf) to trace through. */
  textDocument: { uri: string };
  event: CloudWatchEvent;
}

export interface TraceCandidate {
  /** The <source> the event would come from. */
  source: { title: string; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  /** The tag the event is given there (in_tail: from the file path the stream name implies). */
  tag: string;
  /** in_tail: the file the event would have been read from. */
  path?: string;
  /** true: a simulated run writes the event to this very log group and stream. */
  confirmed: boolean;
  /** In words: "writes to /eks/demo/containers › kubernetes.var.log…", or why it does not. */
  verdict: string;
  rows: TraceRow[];
}

export interface TraceEventResult {
  /** Why nothing could be traced (the config is unusable, …). */
  error?: string;
  /** The event's record as CloudWatch holds it. */
  record?: string;
  notes: string[];
  /** Confirmed candidates first. */
  candidates: TraceCandidate[];
  elapsedMs: number;
}
