// Fluentd's time type, and what hover says of a time value.
import { coerced, type ConvertOptions, type Converted } from './converted';
import { formatSeconds } from './display';
import { rubyToF, scaledByUnit } from './ruby-string';

const TIME_UNITS: [string, number][] = [
  ['s', 1],
  ['m', 60],
  ['h', 3600],
  ['d', 86400],
];

const HUMAN_TIME: Record<string, number> = {
  ms: 0.001,
  msec: 0.001,
  millis: 0.001,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

function intendedTime(text: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))(?: *([a-z]+))?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n;
  const unit = Object.hasOwn(HUMAN_TIME, m[2].toLowerCase()) ? HUMAN_TIME[m[2].toLowerCase()] : undefined;
  return unit === undefined ? undefined : n * unit;
}

/**
 * Fluentd's time: the first of s, m, h, d (case-sensitive) found right after digits
 * anywhere in the text (`500ms` is 500 minutes = 30000 s); otherwise `to_f`
 * (`10M` is 10 seconds).
 */
export function timeValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = scaledByUnit(text, TIME_UNITS) ?? rubyToF(text);
  const meant = intendedTime(text);
  if (meant === value) return { value };
  const uses = formatSeconds(value);
  const why =
    meant !== undefined
      ? `Fluentd reads '${text}' as ${uses}, not ${formatSeconds(meant)} (units are s, m, h, d — lower case — right after a whole number).`
      : `'${text}' is not a time Fluentd understands (number + s/m/h/d): it will use ${uses}.`;
  return coerced(value, why, opts);
}

/** "500ms = 30,000 seconds (8h 20m)" — what hover shows for a time value. */
export function describeTime(text: string): string {
  return `${text.trim()} = ${formatSeconds(timeValue(text).value)}`;
}
