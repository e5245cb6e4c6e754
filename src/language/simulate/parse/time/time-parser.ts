// Fluentd's time parsers (TimeParser, NumericTimeParser, MixedTimeParser) with their error
// messages: a time value in, an EventTime out, or a TimeParseError worded as Fluentd words it.
import type { EventTime, RecordValue } from '../../types';
import { RubyFloat } from '../../types';
import { rubyFloatToS } from '../ruby-json';
import { RubyArgumentError, rubyInspect, rubyToS } from '../ruby-values';
import { rubyTimeParse, NotSimulatedTime } from './time-parse';
import { gemAccepts, strptime, StrptimeError, type StrptimeResult } from './strptime';
import { daysFromCivil, numericOffset, zoneOffsetAt, isKnownZone, localToUtc } from './zone';

export class TimeParseError extends Error {}
export class ConfigError extends Error {}
export { NotSimulatedTime };

export type TimeType = 'string' | 'unixtime' | 'float' | 'mixed';

export interface TimeClock {
  /** Seconds since the epoch: Fluentd's Time.now. */
  readonly nowSec: number;
  /** The process time zone (TZ); undefined: UTC. */
  readonly tz: string | undefined;
}

export interface TimeParser {
  parse(value: RecordValue): EventTime;
}

const NUMERIC_TZ = /^[+-]\d\d(:?\d\d)?$/;
const NAME_TZ = /^[^/]+\/[^/]+(\/[^/]+)?$/;

/** Fluent::Timezone.validate */
export function validTimezone(tz: string): boolean {
  if (NUMERIC_TZ.test(tz)) return true;
  return NAME_TZ.test(tz) && isKnownZone(tz);
}

/** The offset Fluentd applies for `timezone` at an instant. */
function timezoneOffset(tz: string, atSec: number): number {
  return numericOffset(tz) ?? zoneOffsetAt(tz, atSec);
}

/** Fluent::TimeParser: one format (or none), local time unless a zone is given or localtime is off. */
export function stringTimeParser(
  format: string | undefined,
  localtime: boolean,
  timezone: string | undefined,
  clock: TimeClock,
): TimeParser {
  if (format === undefined && (timezone !== undefined || !localtime)) throw new ConfigError('specifying timezone requires time format');
  const withZone = format !== undefined && (format.includes('%z') || format.includes('%Z'));
  const dialect = format !== undefined && gemAccepts(format) ? 'gem' : 'std';
  // utcOffset: undefined → keep the instant as read (local or from the text)
  const fixed = withZone ? undefined : timezone !== undefined ? timezone : localtime ? undefined : '+00:00';
  const read = (v: string): EventTime => {
    if (format === undefined) return rubyTimeParse(v, clock);
    if (format === '%iso8601' && !withZone) return iso8601(v, clock);
    const t: StrptimeResult = strptime(format, v, dialect, clock.nowSec, clock.tz);
    if (fixed === undefined) return { sec: t.sec, nsec: t.nsec };
    return { sec: t.sec + t.utcOffset - timezoneOffset(fixed, t.sec), nsec: t.nsec };
  };
  return {
    parse(value: RecordValue): EventTime {
      if (typeof value !== 'string') throw new TimeParseError(`value must be string: ${rubyToS(value)}`);
      try {
        return read(value);
      } catch (err) {
        if (err instanceof NotSimulatedTime) throw err;
        if (!(err instanceof StrptimeError || err instanceof RubyArgumentError)) throw err;
        throw new TimeParseError(`invalid time format: value = ${value}, error_class = ArgumentError, error = ${err.message}`);
      }
    },
  };
}

/** Ruby's Time.iso8601 (xmlschema): date and time required, fraction and zone optional. */
function iso8601(v: string, clock: TimeClock): EventTime {
  const m = /^\s*(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d(?::?\d\d)?)?\s*$/i.exec(v);
  if (!m) throw new RubyArgumentError(`invalid xmlschema format: ${rubyInspect(v)}`);
  const [year, mon, day, hour, min, sec] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k]));
  if (mon < 1 || mon > 12) throw new RubyArgumentError('mon out of range');
  if (day < 1 || day > 31 || hour > 24 || min > 59 || sec > 60) throw new RubyArgumentError('argument out of range');
  const nsec = m[7] ? Number(m[7].slice(1, 10).padEnd(9, '0')) : 0;
  const w = daysFromCivil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
  if (m[8]) {
    const off = /^z$/i.test(m[8]) ? 0 : (numericOffset(m[8].length === 3 ? m[8] : m[8].replace(/^([+-]\d\d)(\d\d)$/, '$1:$2')) ?? 0);
    return { sec: w - off, nsec };
  }
  return { sec: localToUtc(w, clock.tz), nsec };
}

/** Fluent::NumericTimeParser (unixtime or float): strings and numbers, Ruby's to_i / split on '.'. */
export function numericTimeParser(type: 'unixtime' | 'float'): TimeParser {
  return {
    parse(value: RecordValue): EventTime {
      const isNum = typeof value === 'number' || value instanceof RubyFloat;
      if (typeof value !== 'string' && !isNum) {
        throw new TimeParseError(`value must be a string or a number: ${rubyToS(value)}(${rubyClass(value)})`);
      }
      if (type === 'unixtime') {
        if (value instanceof RubyFloat) return { sec: Math.trunc(value.value), nsec: 0 };
        if (typeof value === 'number') return { sec: value, nsec: 0 };
        return { sec: rubyStringToI(value as string), nsec: 0 };
      }
      const text = value instanceof RubyFloat ? rubyFloatToS(value.value) : String(value);
      const [secS, nsecS0] = text.split('.', 3);
      let nsecS = nsecS0 === undefined ? '0' : nsecS0.slice(0, 10);
      if (nsecS.length < 9) nsecS += '0'.repeat(9 - nsecS.length);
      return { sec: rubyStringToI(secS), nsec: rubyStringToI(nsecS) };
    },
  };
}

/** Fluent::MixedTimeParser: time_format then each fallback; numeric ones only for values Float() accepts. */
export function mixedTimeParser(
  format: string | undefined,
  fallbacks: string[],
  localtime: boolean,
  timezone: string | undefined,
  utc: boolean,
  clock: TimeClock,
): TimeParser {
  const parsers: { numeric: boolean; p: TimeParser; cls: string }[] = [];
  for (const fb of [format, ...fallbacks]) {
    if (fb === undefined) continue;
    // Fluentd passes the name as a String where the parser compares with a Symbol: both read as float
    if (fb === 'unixtime' || fb === 'float')
      parsers.push({ numeric: true, p: numericTimeParser('float'), cls: 'Fluent::NumericTimeParser' });
    else {
      localtime = localtime && timezone === undefined && !utc;
      parsers.push({ numeric: false, p: stringTimeParser(fb, localtime, timezone, clock), cls: 'Fluent::TimeParser' });
    }
  }
  return {
    parse(value: RecordValue): EventTime {
      for (const { numeric, p } of parsers) {
        if (numeric && !rubyFloatAccepts(value)) continue;
        try {
          return p.parse(value);
        } catch (err) {
          if (err instanceof NotSimulatedTime) throw err;
        }
      }
      throw new TimeParseError(
        `invalid time format: value = ${rubyToS(value)}, even though fallbacks: ${parsers.map((p) => p.cls).join(',')}`,
      );
    },
  };
}

/** Ruby's Kernel#Float(value) succeeds. */
function rubyFloatAccepts(v: RecordValue): boolean {
  if (typeof v === 'number' || v instanceof RubyFloat) return true;
  if (typeof v !== 'string') return false;
  return /^\s*[+-]?(?:0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|(?:\d+(?:_\d+)*)(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+(?:_\d+)*)?)\s*$/.test(v);
}

/** Ruby's String#to_i (base 10): leading whitespace, a sign, digits with single underscores; 0 when none. */
export function rubyStringToI(s: string): number {
  const m = /^[\s]*([+-]?)(\d+(?:_\d+)*)/.exec(s);
  if (!m) return 0;
  const n = Number(m[2].replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}

function rubyClass(v: RecordValue): string {
  if (v === null) return 'NilClass';
  if (typeof v === 'boolean') return v ? 'TrueClass' : 'FalseClass';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'object' && !(v instanceof RubyFloat)) return 'Hash';
  return 'Object';
}

export interface TimeConfig {
  type: TimeType;
  format: string | undefined;
  localtime: boolean;
  utc: boolean;
  timezone: string | undefined;
  fallbacks: string[];
}

/** TimeMixin::Parser#time_parser_create */
export function createTimeParser(c: TimeConfig, clock: TimeClock): TimeParser {
  if (c.type === 'mixed') return mixedTimeParser(c.format, [...c.fallbacks], c.localtime, c.timezone, c.utc, clock);
  if (c.type !== 'string') return numericTimeParser(c.type);
  const localtime = c.localtime && c.timezone === undefined && !c.utc;
  return stringTimeParser(c.format, localtime, c.timezone, clock);
}
