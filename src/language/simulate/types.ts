// The simulator's shared vocabulary: events as Fluentd 1.16 holds them. Pure data, no LSP types.
// parse/ turns a raw line into an outcome with a <parse> section; route/ sends events through a
// whole config. Both report what they could not simulate instead of guessing.

/** Fluentd's EventTime: seconds and nanoseconds since the epoch (UTC). */
export interface EventTime {
  readonly sec: number;
  readonly nsec: number;
}

/**
 * A Ruby Float in a record. JSON cannot tell 1.0 from 1, but Fluentd's records can (`types f:float`
 * gives 1000.0, and to_json writes it so); records keep the difference so that results compare
 * with real Fluentd's by JSON type as well as value.
 */
export class RubyFloat {
  constructor(readonly value: number) {}
}

export type RecordValue = null | boolean | number | string | RubyFloat | RecordValue[] | { [key: string]: RecordValue };
export type EventRecord = { [key: string]: RecordValue };
/** A record that is not a Hash (what Yajl or Oj give for JSON that is not an object). */
export type BareValue = Exclude<RecordValue, EventRecord | null>;

export interface SimEvent {
  readonly tag: string;
  readonly time: EventTime;
  readonly record: EventRecord;
}

/** What one parser made of one input (a line, or a multiline event's lines joined by \n). */
export type ParseOutcome =
  /**
   * A parsed record. `time` is null when the parser gives none (estimate_current_event false and no
   * time field): in_tail then logs "pattern not matched", the parser filter keeps the event's time.
   */
  | { readonly kind: 'record'; readonly time: EventTime | null; readonly record: EventRecord; readonly note?: string }
  /**
   * The json parser's record when the JSON is not an object (an Array, a String, a number, true or
   * false): Fluentd passes the value on as the record. `note`: what another setup would do.
   */
  | { readonly kind: 'value'; readonly time: EventTime | null; readonly value: BareValue; readonly note?: string }
  /** Fluentd's "pattern not matched"; `why` says where matching stopped, when known. */
  | { readonly kind: 'nomatch'; readonly why?: string }
  /** A ParserError Fluentd raises (e.g. an invalid time), with its message as Fluentd writes it. */
  | { readonly kind: 'error'; readonly message: string }
  /** Something this engine does not reproduce exactly (named); never a guessed result. */
  | { readonly kind: 'not-simulated'; readonly what: string };

/** The world outside the config: a clock, the process environment, the time zone. */
export interface SimulationEnvironment {
  /** Fluentd's current time (for time-less records and year-less formats). */
  readonly now: EventTime;
  /** Environment variables for `#{ENV[…]}` (the DaemonSet's env for a ConfigMap). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process time zone (TZ), e.g. 'UTC' or 'Europe/Berlin'; undefined: UTC. */
  readonly tz?: string;
  readonly hostname: string;
}

/** A bound on the work of one run, so hostile regexps and rewrite loops end with a message. */
export interface Budget {
  /** Milliseconds of wall-clock time a run may take. */
  readonly timeMs: number;
  /** Steps (regexp attempts, routing hops) a run may take. */
  readonly steps: number;
}
