// What every Fluentd parser shares (Fluent::Plugin::Parser): the time parameters and the time
// parser they make, time_key / keep_time_key / estimate_current_event, and the value conversions
// (null_value_pattern, null_empty_string, types).
import type { EventRecord, EventTime, RecordValue } from '../types';
import { RubyFloat } from '../types';
import { regexpParam, type RubyRegexp } from './ruby-regexp';
import { RubyError } from './ruby-error';
import { rubyFloatToS } from './ruby-json';
import { rubyToS } from './ruby-values';
import type { Section } from './section';
import { ParseConfigError } from './section';
import {
  createTimeParser,
  rubyStringToI,
  TimeParseError,
  validTimezone,
  type TimeClock,
  type TimeParser,
  type TimeType,
} from './time/time-parser';

export interface ParserEnv {
  readonly clock: TimeClock;
  readonly now: EventTime;
}

/** Per-plugin defaults that differ from the base class's (config_set_default). */
export interface BaseDefaults {
  timeKey?: string;
  timeType?: TimeType;
  timeFormat?: string;
  keepTimeKey?: boolean;
}

export interface BaseConfig {
  timeKey: string | undefined;
  keepTimeKey: boolean;
  estimateCurrentEvent: boolean;
  timeParser: TimeParser;
  time: { type: TimeType; format: string | undefined; localtime: boolean; utc: boolean; timezone: string | undefined; fallbacks: string[] };
  nullValuePattern: RubyRegexp | undefined;
  nullEmptyString: boolean;
  converters: Map<string, (v: RecordValue) => RecordValue> | undefined;
}

/** Fluentd's bool: true/yes, false/no, empty is true, `#…` is true; anything else is an error. */
export function boolParam(section: Section, key: string, dflt: boolean): boolean {
  const v = section.params.get(key);
  if (v === undefined) return dflt;
  if (v === 'true' || v === 'yes' || v === '' || v.startsWith('#')) return true;
  if (v === 'false' || v === 'no') return false;
  throw new ParseConfigError(`${key}: invalid bool value: ${v}`);
}

export function enumParam<T extends string>(section: Section, key: string, list: readonly T[], dflt: T): T {
  const v = section.params.get(key);
  if (v === undefined) return dflt;
  if (!(list as readonly string[]).includes(v)) throw new ParseConfigError(`valid options are ${list.join(',')} but got ${v}`);
  return v as T;
}

/** Fluentd's array type: JSON when it starts with [, else comma-separated and trimmed. */
export function arrayParam(text: string): string[] {
  if (text.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v)) return v.map(String);
    } catch {
      /* fall through */
    }
    throw new ParseConfigError(`array required but got ${JSON.stringify(text)}`);
  }
  const t = text.trim();
  return t === '' ? [] : t.split(/\s*,\s*/);
}

/** Fluentd's hash type (string values): JSON when it starts with {, else `k:v,k:v`. */
export function hashParam(text: string): [string, string | null][] {
  if (text.startsWith('{')) {
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v).map(([k, x]) => [k, x === null ? null : String(x)]);
    } catch {
      /* fall through */
    }
    throw new ParseConfigError(`hash required but got ${JSON.stringify(text)}`);
  }
  const t = text.trim();
  if (t === '') return [];
  return t.split(/\s*,\s*/).map((pair) => {
    const i = pair.indexOf(':');
    return i < 0 ? [pair, null] : [pair.slice(0, i), pair.slice(i + 1)];
  });
}

/** Reads the base parameters (TimeMixin and Parser) of a section. */
export function configureBase(section: Section, env: ParserEnv, d: BaseDefaults = {}): BaseConfig {
  const p = section.params;
  let localtime = boolParam(section, 'localtime', true);
  const utc = boolParam(section, 'utc', false);
  if (!p.has('localtime') && p.has('utc')) localtime = !utc;
  if (p.has('localtime') && p.has('utc') && !(localtime !== utc))
    throw new ParseConfigError('both of utc and localtime are specified, use only one of them');
  const type = enumParam(section, 'time_type', ['string', 'unixtime', 'float', 'mixed'] as const, d.timeType ?? 'string');
  const format = p.get('time_format') ?? d.timeFormat;
  const fallbacks = p.has('time_format_fallbacks') ? arrayParam(p.get('time_format_fallbacks')!) : [];
  if (p.has('time_type') && type === 'mixed' && format === undefined && fallbacks.length === 0) {
    throw new ParseConfigError('time_type is :mixed but time_format and time_format_fallbacks is empty.');
  }
  const timezone = p.get('timezone');
  if (timezone !== undefined && !validTimezone(timezone)) throw new ParseConfigError(`Unsupported timezone '${timezone}'`);
  const time = { type, format, localtime, utc, timezone, fallbacks };
  const timeParser = wrapConfig(() => createTimeParser(time, env.clock));
  let nullValuePattern: RubyRegexp | undefined;
  if (p.has('null_value_pattern')) {
    const r = regexpParam(p.get('null_value_pattern')!);
    if (!r.ok) {
      if ('error' in r) throw new ParseConfigError(r.error);
      throw new RubyError('not-simulated', r.notSimulated);
    }
    nullValuePattern = r.regexp;
  }
  return {
    timeKey: p.has('time_key') ? p.get('time_key') : d.timeKey,
    keepTimeKey: boolParam(section, 'keep_time_key', d.keepTimeKey ?? false),
    estimateCurrentEvent: boolParam(section, 'estimate_current_event', true),
    timeParser,
    time,
    nullValuePattern,
    nullEmptyString: boolParam(section, 'null_empty_string', false),
    converters: p.has('types') ? buildConverters(hashParam(p.get('types')!), time, env) : undefined,
  };
}

function wrapConfig<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error && err.constructor.name === 'ConfigError') throw new ParseConfigError(err.message);
    throw err;
  }
}

const TYPES = ['string', 'integer', 'float', 'bool', 'time', 'array'];
const TIME_TYPES = ['string', 'unixtime', 'float', 'mixed'];

function buildConverters(
  types: [string, string | null][],
  base: BaseConfig['time'],
  env: ParserEnv,
): Map<string, (v: RecordValue) => RecordValue> {
  const out = new Map<string, (v: RecordValue) => RecordValue>();
  for (const [field, def] of types) {
    if (def === null) throw new RubyError('NoMethodError', "undefined method `split' for nil:NilClass");
    const i = def.indexOf(':');
    const type = i < 0 ? def : def.slice(0, i);
    const option = i < 0 ? undefined : def.slice(i + 1);
    if (!TYPES.includes(type)) throw new ParseConfigError(`unknown value conversion for key:'${field}', type:'${type}'`);
    out.set(field, converter(type, option, base, env));
  }
  return out;
}

function converter(type: string, option: string | undefined, base: BaseConfig['time'], env: ParserEnv): (v: RecordValue) => RecordValue {
  switch (type) {
    case 'string':
      return (v) => rubyToS(v);
    case 'integer':
      return (v) => toI(v);
    case 'float':
      return (v) => new RubyFloat(toF(v));
    case 'bool':
      return (v) => ['true', 'yes', '1'].includes(rubyToS(v).toLowerCase());
    case 'array': {
      const delimiter = option ?? ',';
      return (v) => rubySplit(rubyToS(v), delimiter);
    }
    default: {
      let tp: TimeParser;
      if (option !== undefined) {
        let timeType = 'string';
        const j = option.indexOf(':');
        let timezone: string | undefined = j < 0 ? option : option.slice(0, j);
        let format: string | undefined = j < 0 ? undefined : option.slice(j + 1);
        if (!validTimezone(timezone)) {
          timezone = undefined;
          format = option;
        }
        if (format !== undefined && TIME_TYPES.includes(format)) {
          timeType = format;
          format = undefined;
        }
        tp = wrapConfig(() => createTimeParser({ ...base, type: timeType as TimeType, format, timezone }, env.clock));
      } else tp = wrapConfig(() => createTimeParser({ ...base, type: 'string', format: undefined, timezone: undefined }, env.clock));
      return (v) => {
        try {
          return tp.parse(v).sec;
        } catch (err) {
          if (err instanceof TimeParseError) return null;
          throw err;
        }
      };
    }
  }
}

/** Integer conversion: to_i, or to_s.to_i for values without to_i. */
function toI(v: RecordValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof RubyFloat) return Number.isFinite(v.value) ? Math.trunc(v.value) : 0;
  if (typeof v === 'string') return rubyStringToI(v);
  return rubyStringToI(rubyToS(v));
}

/** String#to_f */
export function rubyStringToF(s: string): number {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)?(?:\.(\d+(?:_\d+)*))?(?:[eE]([+-]?\d+(?:_\d+)*))?/.exec(s);
  if (!m || (m[2] === undefined && m[3] === undefined)) return 0;
  const text = `${m[1]}${(m[2] ?? '0').replace(/_/g, '')}.${(m[3] ?? '0').replace(/_/g, '')}e${(m[4] ?? '0').replace(/_/g, '')}`;
  return Number(text);
}

function toF(v: RecordValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof RubyFloat) return v.value;
  if (typeof v === 'string') return rubyStringToF(v);
  return rubyStringToF(rubyToS(v));
}

/** String#split(delimiter): " " splits on whitespace runs (awk style); trailing empty fields dropped. */
export function rubySplit(s: string, delimiter: string): string[] {
  let parts: string[];
  if (delimiter === ' ') parts = s.split(/[ \t\n\v\f\r]+/).filter((x, i) => !(i === 0 && x === ''));
  else if (delimiter === '') parts = [...s];
  else parts = s.split(delimiter);
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Parser#parse_time: the time from time_key (removed unless keep_time_key), else now or none. */
export function parseTime(c: BaseConfig, record: EventRecord, env: ParserEnv): EventTime | null {
  if (c.timeKey !== undefined && Object.hasOwn(record, c.timeKey)) {
    const src = record[c.timeKey];
    if (!c.keepTimeKey) delete record[c.timeKey];
    try {
      return c.timeParser.parse(src);
    } catch (err) {
      if (err instanceof TimeParseError) throw new RubyError('Fluent::Plugin::Parser::ParserError', err.message);
      throw err;
    }
  }
  return c.estimateCurrentEvent ? env.now : null;
}

/** Parser#convert_values: null patterns, then types, on every non-nil, non-false value. */
export function convertValues(c: BaseConfig, record: EventRecord): void {
  if (!c.converters && !c.nullValuePattern && !c.nullEmptyString) return;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === null || value === false) continue;
    if (typeof value === 'string' && ((c.nullEmptyString && value === '') || (c.nullValuePattern && c.nullValuePattern.test(value)))) {
      record[key] = null;
      continue;
    }
    const conv = c.converters?.get(key);
    if (conv) record[key] = conv(value);
  }
}

export { rubyFloatToS };
