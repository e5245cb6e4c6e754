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
