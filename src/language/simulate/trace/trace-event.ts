// "Trace this event": which <source>, filters and <match> of a config would have produced an
// event found in CloudWatch Logs. The event's log group and stream say where it was written;
// each source that could have emitted it gives a candidate tag (in_tail: the file path that the
// stream name implies when the output names streams after tags), and the event's record is sent
// from there through the config. A candidate is confirmed when the simulated run writes it to
// that very log group and stream. The record CloudWatch holds is the one after the filters: it
// goes through them again, so the trace shows each filter on that record (said in the notes).
import { parseYajl } from '../parse';
import type { SimSource, Simulation } from '../route/build';
import { param } from '../route/config';
import { runRoute } from '../route/engine';
import { pathTag } from '../route/in-tail';
import { deepCopy } from '../route/records';
import type { Delivery, RouteResult } from '../route/types';
import type { Budget, EventRecord, EventTime } from '../types';
import { prettyRecord } from '../view/record-text';
import { traceRows } from '../view/trace-rows';
import type { CloudWatchEvent, TraceCandidate, TraceEventResult } from './protocol';

export const TRACE_BUDGET: Budget = { timeMs: 1000, steps: 100_000 };
/** At most this many candidates are run and shown. */
const MAX_CANDIDATES = 20;

/** The record CloudWatch holds: the JSON the output wrote, or the message as text. */
export function recordOfMessage(message: string): { record: EventRecord; json: boolean } {
  const parsed = parseYajl(message);
  if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value))
    return { record: parsed.value as EventRecord, json: true };
  return { record: { message }, json: false };
}

function timeOf(ms: number): EventTime {
  const sec = Math.floor(ms / 1000);
  return { sec, nsec: Math.round((ms - sec * 1000) * 1e6) };
}

function safe(src: SimSource, key: string): string | undefined {
  try {
    return param(src.el, key);
  } catch {
    return undefined;
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** in_tail: the file whose events get `tag`, when one of the source's path globs can give it. */
export function pathForTag(tagParam: string, pathParam: string, tag: string): string | undefined {
  const star = tagParam.indexOf('*');
  if (star < 0) return undefined;
  const prefix = tagParam.slice(0, star);
  const suffix = tagParam.slice(star + 1);
  for (const raw of pathParam.split(',')) {
    const glob = raw.trim();
    if (!glob || glob.includes('**') || /[?[{]/.test(glob)) continue;
    const form = `${prefix}${pathTag(glob)}${suffix}`;
    const re = new RegExp(`^${form.split('*').map(escape).join('([^/]*?)')}$`);
    const m = re.exec(tag);
    if (!m) continue;
    let i = 1;
    return glob.replace(/\*/g, () => m[i++] ?? '');
  }
  return undefined;
}

interface Candidate {
  src: SimSource;
  tag: string;
  path?: string;
}

function candidatesOf(sim: Simulation, ev: CloudWatchEvent): Candidate[] {
  const out: Candidate[] = [];
  const names = [ev.logStreamName, ev.logGroupName];
  for (const src of sim.sources) {
    const tagParam = safe(src, 'tag');
    if (src.type === 'tail' && tagParam?.includes('*')) {
      for (const n of names) {
        const path = pathForTag(tagParam, safe(src, 'path') ?? '', n);
        if (path) out.push({ src, tag: n, path });
      }
    } else if (tagParam !== undefined) out.push({ src, tag: tagParam });
    else for (const n of names) out.push({ src, tag: n });
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = `${sim.sources.indexOf(c.src)}\u0000${c.tag}`;
    return !seen.has(k) && (seen.add(k), true);
  });
}

function writesHere(d: Delivery, ev: CloudWatchEvent): boolean {
  return d.destination?.kind === 'cloudwatch_logs' && d.destination.group === ev.logGroupName && d.destination.stream === ev.logStreamName;
}

function verdictOf(r: RouteResult, ev: CloudWatchEvent): { confirmed: boolean; text: string; rank: number } {
  const here = r.deliveries.find((d) => writesHere(d, ev));
  if (here)
    return {
      confirmed: true,
      text: `Writes this event to ${ev.logGroupName} › ${ev.logStreamName} through <match ${here.match}> @type ${here.type}${here.id ? ` (@id ${here.id})` : ''}.`,
      rank: 0,
    };
  const cw = r.deliveries.filter((d) => d.destination?.kind === 'cloudwatch_logs');
  if (cw.length) {
    const d = cw[0].destination as { group?: string; stream?: string };
    return {
      confirmed: false,
      text: `Would write to ${d.group ?? '(unknown group)'} › ${d.stream ?? '(unknown stream)'}, not to ${ev.logGroupName} › ${ev.logStreamName}.`,
      rank: 1,
    };
  }
  if (r.deliveries.length)
    return { confirmed: false, text: `Reaches ${[...new Set(r.deliveries.map((d) => d.type))].join(', ')}, not CloudWatch Logs.`, rank: 2 };
  if (r.stopped) return { confirmed: false, text: `The run stopped: ${r.stopped.message}.`, rank: 3 };
  if (r.notSimulated.length)
    return { confirmed: false, text: `Stops at a step that is not simulated: ${r.notSimulated[0].what}.`, rank: 3 };
  if (r.unmatched.length) return { confirmed: false, text: 'No <match> takes the event.', rank: 4 };
  return { confirmed: false, text: 'Reaches no output.', rank: 4 };
}

export function traceCloudWatchEvent(
  sim: Simulation,
  ev: CloudWatchEvent,
  budget: Budget = TRACE_BUDGET,
): Omit<TraceEventResult, 'elapsedMs'> {
  if (sim.configError) return { error: `Fluentd would not start with this config: ${sim.configError}`, notes: [], candidates: [] };
  const { record, json } = recordOfMessage(ev.message);
  const notes = [
    json
      ? 'The record is the one CloudWatch holds, after every filter; it is sent from the source again, so each filter is shown on that record.'
      : 'The message is not a JSON record (the output may write message_keys only): it is traced as {"message": …}.',
  ];
  const time = timeOf(ev.timestamp);
  const ranked: (TraceCandidate & { rank: number })[] = [];
  for (const c of candidatesOf(sim, ev).slice(0, MAX_CANDIDATES)) {
    const label = c.src.router.label || undefined;
    const r = runRoute(
      sim,
      { kind: 'events', events: [{ tag: c.tag, time, record: deepCopy(record), ...(label ? { label } : {}) }] },
      { budget, trace: true },
    );
    if ('configError' in r) continue;
    const v = verdictOf(r, ev);
    ranked.push({
      source: { title: `${c.src.el.ref.title}${c.src.id ? ` (@id ${c.src.id})` : ''}`, uri: c.src.el.ref.uri, range: c.src.el.ref.range },
      tag: c.tag,
      ...(c.path ? { path: c.path } : {}),
      confirmed: v.confirmed,
      verdict: v.text,
      rows: r.traces?.[0] ? traceRows(r.traces[0]) : [],
      rank: v.rank,
    });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  const confirmed = ranked.filter((c) => c.confirmed);
  if (!confirmed.length) {
    notes.push('No source of this config writes the event to this log group and stream; the closest candidates follow.');
    if (ranked.some((c) => c.rank === 1))
      notes.push(
        "Log group and stream names often come from #{ENV[...]}: set the DaemonSet's variables in the fluentd.simulate.env setting.",
      );
  }
  return { record: prettyRecord(record), notes, candidates: (confirmed.length ? confirmed : ranked).map(({ rank: _rank, ...c }) => c) };
}
