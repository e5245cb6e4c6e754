// Text of the read-only history document: a header line (where "Load older…" sits) and one
// line per event, oldest first, formatted like tail output.
import { EventFormatter } from './format';
import type { HistoryEvent } from './history';

export interface HistoryView {
  logGroupName: string;
  logStreamName: string;
  events: readonly HistoryEvent[];
  exhausted: boolean;
}

export function historyHeader(v: HistoryView): string {
  const state = v.exhausted ? 'start of stream reached' : 'older events available — Load older…';
  return `# ${v.logGroupName} › ${v.logStreamName} — ${v.events.length} event${v.events.length === 1 ? '' : 's'} loaded; ${state}`;
}

export function renderHistoryDocument(v: HistoryView): string {
  const f = new EventFormatter({ showStream: false });
  let out = historyHeader(v) + '\n';
  for (const e of v.events) out += f.format({ logStreamName: v.logStreamName, timestamp: e.timestamp, message: e.message }) + '\n';
  return out;
}

/** The event shown on a line of the document (line 0 is the header), or undefined; a message may span lines. */
export function eventAtLine(v: Pick<HistoryView, 'logStreamName' | 'events'>, line: number): HistoryEvent | undefined {
  const f = new EventFormatter({ showStream: false });
  let at = 1;
  for (const e of v.events) {
    const text = f.format({ logStreamName: v.logStreamName, timestamp: e.timestamp, message: e.message });
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    if (line < at + lines) return line >= at ? e : undefined;
    at += lines;
  }
  return undefined;
}
