// The seam to the parse engine (simulate/parse): a `<parse>` section (or in_tail's own
// parameters) compiled into a function from one input to Fluentd's parse outcome. The
// routing engine only needs this function; it is given to it by whoever runs it.
import type { EventRecord, EventTime, ParseOutcome } from '../types';
import type { SimElement } from './config';

/**
 * One parse. A record's `time` is undefined when the parser gives none (no time key and
 * estimate_current_event false); the caller decides (the parser filter keeps the event's).
 */
export type LineOutcome = Exclude<ParseOutcome, { kind: 'record' }> | { kind: 'record'; time: EventTime | undefined; record: EventRecord };

export type LineParser = (text: string) => LineOutcome;

export type CompiledParser = { ok: true; parse: LineParser } | { ok: false; configError?: string; notSimulated?: string };

/**
 * Compiles a `<parse>` section, or the legacy flat parameters (`format`, `time_format`, …)
 * of the element that holds them: `section` is the `<parse>` element when there is one,
 * else the element itself.
 */
export type ParserCompiler = (section: SimElement, now: () => EventTime) => CompiledParser;
