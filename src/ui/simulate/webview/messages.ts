// Messages between the extension and the simulator's webviews (types only).
import type { PlaygroundResult, PlaygroundTarget } from '../../../language/simulate/playground/protocol';
import type { TraceEventResult } from '../../../language/simulate/trace/protocol';

export interface Place {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface PlaygroundState {
  type: 'playground';
  target?: PlaygroundTarget;
  /** The sample lines as typed (one per line). */
  lines: string;
  path: string;
  tag: string;
  result?: PlaygroundResult;
  /** A run is in progress. */
  busy: boolean;
  /** Request to answer, in milliseconds (measured by the extension). */
  roundTripMs?: number;
  /** Why the last run did not happen (no config open…). */
  notice?: string;
}

export interface TraceState {
  type: 'trace';
  /** e.g. "/eks/demo/containers › kubernetes.var.log.containers.web-1….log" */
  title: string;
  /** e.g. "2024-03-05T10:11:12.123Z, traced through demo/fluent.conf" */
  subtitle: string;
  result: TraceEventResult;
}

export type ToWebview = PlaygroundState | TraceState | { type: 'setLines'; lines: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'input'; lines: string; path: string; tag: string }
  | { type: 'pickFile' }
  | { type: 'pickCloudWatch' }
  | { type: 'reveal'; place: Place }
  /** The page's visible text after drawing (read by the integration tests). */
  | { type: 'rendered'; text: string };
