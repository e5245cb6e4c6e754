// One event's trace (route/types.ts) as flat rows for the editor: each filter with the record
// after it, the match that took the event, where the output writes it, and every fork (copy's
// stores, error events) indented under the step that made it. Plain data: the playground
// webview, "Trace this event" and config-test failures all show these rows.
import type { Destination, ElementRef, EventTrace, TraceBranch, TraceStep } from '../route/types';
import { eventTimeText, prettyRecord, visibleLine } from './record-text';

export type TraceRowKind = TraceStep['kind'] | 'branch';

export interface TraceRow {
  depth: number;
  kind: TraceRowKind;
  /** What happened, e.g. `<filter kubernetes.**> @type grep: kept`. */
  title: string;
  /** A second line: the reason, the destination, the new tag. */
  detail?: string;
  /** The record after the step (filters) or as the output receives it (deliveries). */
  record?: string;
  /** The config element of the step. */
  location?: { uri: string; range: ElementRef['range'] };
  /** 'kept', 'dropped', 'error', 'not-simulated' for filters; the parse outcome for parse steps. */
  outcome?: string;
}

/** Where an output would write, in words: `log group /eks/x, stream y`. */
export function destinationText(d: Destination | undefined): string | undefined {
  if (!d) return undefined;
  const notes = 'notes' in d && d.notes?.length ? ` (${d.notes.join('; ')})` : '';
  switch (d.kind) {
    case 'cloudwatch_logs':
      return `CloudWatch Logs: log group ${d.group ?? '(unknown)'}, stream ${d.stream ?? '(unknown)'}${notes}`;
    case 'kinesis_streams':
    case 'kinesis_firehose':
      return `${d.kind === 'kinesis_streams' ? 'Kinesis stream' : 'Firehose delivery stream'} ${d.stream ?? '(unknown)'}${d.partitionKey !== undefined ? `, partition key ${d.partitionKey}` : ''}${notes}`;
    case 'elasticsearch':
    case 'opensearch':
      return `${d.kind === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} index ${d.index ?? '(unknown)'}${notes}`;
    case 's3':
      return `S3 ${d.bucket ? `s3://${d.bucket}/` : ''}${d.path ?? '(unknown path)'}${notes}`;
    case 'discarded':
      return 'discarded (the output writes nowhere)';
  }
}

function loc(ref: ElementRef | undefined): TraceRow['location'] {
  return ref ? { uri: ref.uri, range: ref.range } : undefined;
}

/** The rows of one event's trace, forks indented. At most `maxRows` rows (a copy of copies can fan out). */
export function traceRows(trace: EventTrace, maxRows = 500): TraceRow[] {
  const rows: TraceRow[] = [];
  const push = (r: TraceRow) => {
    if (rows.length < maxRows) rows.push(r);
  };
  const branch = (b: TraceBranch, depth: number) => {
    for (const step of b.steps) {
      if (rows.length >= maxRows) return;
      stepRows(step, depth, push, branch);
    }
  };
  branch(trace.root, 0);
  if (rows.length >= maxRows) rows.push({ depth: 0, kind: 'stopped', title: `… more steps not shown (over ${maxRows})` });
  return rows;
}

function stepRows(step: TraceStep, depth: number, push: (r: TraceRow) => void, branch: (b: TraceBranch, depth: number) => void): void {
  switch (step.kind) {
    case 'parse':
      push({
        depth,
        kind: 'parse',
        title: step.outcome === 'record' ? 'parsed' : step.outcome === 'nomatch' ? 'pattern not matched' : step.outcome,
        detail: step.message,
        outcome: step.outcome,
      });
      return;
    case 'filter':
      push({
        depth,
        kind: 'filter',
        title: `${step.ref.title}: ${step.outcome}`,
        detail: step.message ?? (step.outcome === 'kept' ? `time ${eventTimeText(step.time)}` : undefined),
        record: step.outcome === 'kept' ? prettyRecord(step.record) : undefined,
        location: loc(step.ref),
        outcome: step.outcome,
      });
      return;
    case 'match':
      push({ depth, kind: 'match', title: `matched by ${step.ref.title}`, location: loc(step.ref) });
      return;
    case 'deliver': {
      const d = step.delivery;
      push({
        depth,
        kind: 'deliver',
        title: `→ ${d.type}${d.id ? ` (@id ${d.id})` : ''}, tag ${d.tag}`,
        detail: destinationText(d.destination),
        record: prettyRecord(d.record),
        location: loc(d.ref),
      });
      return;
    }
    case 'unmatched':
      push({ depth, kind: 'unmatched', title: 'no <match> takes the event: Fluentd logs "no patterns matched" and drops it' });
      return;
    case 'label':
      push({ depth, kind: 'label', title: `goes on in <label ${step.label}>`, location: loc(step.ref) });
      return;
    case 'retag':
      push({ depth, kind: 'retag', title: `re-emitted with tag ${step.tag}`, location: loc(step.ref) });
      return;
    case 'fork':
      push({
        depth,
        kind: 'fork',
        title: step.why === 'copy' ? `copied to ${step.branches.length} store(s)` : 'error event',
        detail: step.message,
      });
      for (const b of step.branches) {
        push({ depth: depth + 1, kind: 'branch', title: `tag ${b.tag}${b.label ? ` in <label ${b.label}>` : ''}` });
        branch(b, depth + 2);
      }
      return;
    case 'not-simulated':
      push({ depth, kind: 'not-simulated', title: `not simulated: ${step.what}`, location: loc(step.ref) });
      return;
    case 'dropped':
      push({ depth, kind: 'dropped', title: `dropped: ${step.message}`, location: loc(step.ref) });
      return;
    case 'stopped':
      push({ depth, kind: 'stopped', title: step.message });
      return;
  }
}

/** The input of a trace in one line. */
export function traceInputText(trace: EventTrace): string {
  if ('line' in trace.input) return visibleLine(trace.input.line, 300);
  const i = trace.input;
  return `tag ${i.tag}${i.label ? ` at <label ${i.label}>` : ''}, time ${eventTimeText(i.time)}`;
}
