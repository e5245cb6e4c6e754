// Ruby's two strptime readers as Fluentd uses them. Fluentd's TimeParser prefers the strptime gem
// (Strptime.new(format).exec) and falls back to Time.strptime (Date._strptime) when the gem refuses
// the format; they read the same text differently in a few places (the gem: %Y at most 4 digits,
// %d/%e without a leading space, hours 0-23, %N at most 9 digits, "+9" as a zone; Time.strptime:
// any %Y width, hour 24, zone names), so both are reproduced here. Verified against Ruby 3.1 with
// the clock faked as the oracle does.
import { daysFromCivil, localToUtc, civilFromSeconds, zoneOffsetAt } from './zone';

export type Dialect = 'gem' | 'std';

/** What a strptime read: an instant (sec since epoch, nanoseconds) and the offset it carried, if any. */
export interface StrptimeResult {
  readonly sec: number;
  readonly nsec: number;
  /** The zone offset written in the text (%z, %s), or undefined when the time was read as local. */
  readonly offset: number | undefined;
  /** Ruby's Time#utc_offset of the result. */
  readonly utcOffset: number;
}

export class StrptimeError extends Error {}

/** Directives the strptime gem compiles; any other makes Strptime.new raise and Fluentd use Time.strptime. */
const GEM_DIRECTIVES = new Set(['b', 'B', 'd', 'e', 'h', 'H', 'm', 'M', 'n', 'N', 'S', 'y', 'Y', 'z']);

/** True when Strptime.new(format) accepts the format (every % followed by a directive the gem knows). */
export function gemAccepts(format: string): boolean {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    if (!GEM_DIRECTIVES.has(format[i + 1])) return false;
    i++;
  }
  return true;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const COMPOSITES: Record<string, string> = {
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  x: '%m/%d/%y',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  X: '%H:%M:%S',
  c: '%a %b %e %H:%M:%S %Y',
  v: '%e-%b-%Y',
  '+': '%a %b %e %H:%M:%S %Z %Y',
};

/** Directives that read digits: a number right before one of them reads a fixed width (Date._strptime). */
const NUMERIC = new Set('CDdeFGgHIjkLlMmNQRrSsTUuVvWwXxYy'.split(''));

const SPACE = /[ \t\n\v\f\r]/;

interface Fields {
  year?: number;
  mon?: number;
  mday?: number;
  hour?: number;
  min?: number;
  sec?: number;
  frac?: [number, number]; // digits value, digit count
  yday?: number;
  seconds?: bigint; // %s
  msec?: bigint; // %Q
  zone?: string;
  pm?: boolean;
  century?: number;
}

/** Ruby's Time.zone_offset for the names Date._strptime's zones resolve to; undefined: unknown (local time). */
const ZONE_NAMES: Record<string, number> = {
  utc: 0,
  ut: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

function zoneOffsetOf(zone: string, dialect: Dialect): number | undefined {
  const z = zone.trim();
  if (/^[zZ]$/.test(z)) return 0;
  let m = /^(?:gmt|utc?)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i.exec(z);
  if (m) {
    if (dialect === 'std' && m[3] === undefined && m[2].length === 1 && !/^(gmt|utc)/i.test(z)) return undefined;
    const s = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -s : s;
  }
  m = /^([+-])(\d{3,})$/.exec(z);
  if (m) {
    const digits = m[2].length % 2 ? '0' + m[2] : m[2];
    const s = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60;
    return m[1] === '-' ? -s : s;
  }
  const hours = ZONE_NAMES[z.toLowerCase()];
  return hours === undefined ? undefined : hours * 3600;
}

/**
 * Reads `value` with a strptime `format`. Missing leading fields come from `now` in the local zone
 * (Ruby's rule: year, then month, day, hour… until the first field the text gave); the result is
 * the instant, local unless the text carried a zone.
 */
export function strptime(format: string, value: string, dialect: Dialect, nowSec: number, tz: string | undefined): StrptimeResult {
  const fail = (): never => {
    throw new StrptimeError(dialect === 'gem' ? "string doesn't match" : `invalid date or strptime format - \`${value}' \`${format}'`);
  };
  const f: Fields = {};
  let si = 0;
  const fmt = expand(format, dialect);

  const readDigits = (max: number): [number, number] | undefined => {
    let j = si;
    while (j < value.length && j - si < max && value.charCodeAt(j) >= 48 && value.charCodeAt(j) <= 57) j++;
    if (j === si) return undefined;
    const s = value.slice(si, j);
    si = j;
    return [Number(s), s.length];
  };
  const num = (max: number, lo: number, hi: number, leadingSpace: boolean): number => {
    if (leadingSpace && value[si] === ' ') {
      si++;
      const r = readDigits(1);
      if (!r || r[0] < lo || r[0] > hi) fail();
      return r![0];
    }
    const r = readDigits(max);
    if (!r || r[0] < lo || r[0] > hi) fail();
    return r![0];
  };
  const names = (list: string[]): number => {
    const rest = value.slice(si, si + 12).toLowerCase();
    for (let k = 0; k < list.length; k++) {
      if (rest.startsWith(list[k])) {
        si += list[k].length;
        return k;
      }
    }
    for (let k = 0; k < list.length; k++) {
      if (rest.startsWith(list[k].slice(0, 3))) {
        si += 3;
        return k;
      }
    }
    return fail();
  };

  for (let fi = 0; fi < fmt.length; fi++) {
    const c = fmt[fi];
    if (c !== '%') {
      if (SPACE.test(c)) {
        while (si < value.length && SPACE.test(value[si])) si++;
      } else if (value[si] === c) si++;
      else fail();
      continue;
    }
    let d = fmt[++fi];
    if (d === ':' && dialect === 'std') {
      // %:z and %::z read a zone like %z
      while (fmt[fi] === ':') fi++;
      d = fmt[fi];
      if (d !== 'z') fail();
    }
    const nextNumeric = fi + 1 < fmt.length && (/[0-9]/.test(fmt[fi + 1]) || (fmt[fi + 1] === '%' && NUMERIC.has(fmt[fi + 2])));
    const std = dialect === 'std';
    switch (d) {
      case 'Y': {
        let sign = 1;
        if (value[si] === '+' || value[si] === '-') {
          if (value[si] === '-') sign = -1;
          si++;
        }
        const r = readDigits(std ? (nextNumeric ? 4 : Infinity) : 4);
        if (!r) fail();
        f.year = sign * r![0];
        break;
      }
      case 'C':
        f.century = num(nextNumeric ? 2 : Infinity, 0, Infinity, false);
        break;
      case 'y': {
        const y = num(2, 0, 99, false);
        f.year = y + (y < 69 ? 2000 : 1900);
        f.century = undefined;
        break;
      }
      case 'm':
        f.mon = num(2, 1, 12, false);
        break;
      case 'd':
      case 'e':
        f.mday = num(2, 1, 31, std);
        break;
      case 'j':
        f.yday = num(3, 1, 366, false);
        break;
      case 'H':
      case 'k':
        f.hour = num(2, 0, std ? 24 : 23, std);
        break;
      case 'I':
      case 'l':
        f.hour = num(2, 1, 12, true);
        break;
      case 'M':
        f.min = num(2, 0, 59, false);
        break;
      case 'S':
        f.sec = num(2, 0, 60, false);
        break;
      case 'N':
      case 'L': {
        const r = readDigits(std ? (nextNumeric ? (d === 'L' ? 3 : 9) : Infinity) : 9);
        if (!r) fail();
        const digits = value.slice(si - r![1], si);
        f.frac = [Number(digits.slice(0, 9).padEnd(9, '0')), 9];
        break;
      }
      case 's':
      case 'Q': {
        const m = /^-?\d+/.exec(value.slice(si));
        if (!m) fail();
        si += m![0].length;
        if (d === 's') f.seconds = BigInt(m![0]);
        else f.msec = BigInt(m![0]);
        break;
      }
      case 'b':
      case 'B':
      case 'h':
        f.mon = names(MONTHS) + 1;
        break;
      case 'a':
      case 'A':
        names(DAYS);
        break;
      case 'p':
      case 'P': {
        const m = /^([ap])(?:m\b|\.m\.)/i.exec(value.slice(si));
        if (!m) fail();
        si += m![0].length;
        f.pm = m![1].toLowerCase() === 'p';
        break;
      }
      case 'z':
      case 'Z': {
        const rest = value.slice(si);
        const m = std
          ? /^(?:(?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?|[a-zA-Z.\s]+(?:standard|daylight)\s+time\b|[a-zA-Z]+(?:\sdst)?\b)/i.exec(rest)
          : /^(?:[zZ]|[+-]\d{1,2}(?::?\d{2})?)/.exec(rest);
        if (!m) fail();
        si += m![0].length;
        f.zone = m![0];
        break;
      }
      case 'n':
      case 't':
        while (si < value.length && SPACE.test(value[si])) si++;
        break;
      case '%':
        if (value[si] !== '%') fail();
        si++;
        break;
      case 'u':
        num(1, 1, 7, false);
        break;
      case 'w':
        num(1, 0, 6, false);
        break;
      case 'U':
      case 'W':
      case 'V':
        num(2, 0, 53, false);
        break;
      case 'G':
        num(nextNumeric ? 4 : Infinity, 0, Infinity, false);
        break;
      case 'g':
        num(2, 0, 99, false);
        break;
      default:
        fail();
    }
  }
  return assemble(f, dialect, nowSec, tz, fail);
}

function expand(format: string, dialect: Dialect): string {
  if (dialect === 'gem') return format;
  return format.replace(/%([TFDxRrXcv+])/g, (_, d: string) => COMPOSITES[d]);
}

function assemble(f: Fields, dialect: Dialect, nowSec: number, tz: string | undefined, fail: () => never): StrptimeResult {
  if (f.seconds !== undefined || f.msec !== undefined) {
    // %s / %Q: an absolute instant (fraction from %N added)
    const ns = f.seconds !== undefined ? f.seconds * 1000000000n : f.msec! * 1000000n;
    const total = ns + BigInt(f.frac ? f.frac[0] : 0);
    const sec = Number(total / 1000000000n) - (total % 1000000000n < 0n ? 1 : 0);
    const nsec = Number(((total % 1000000000n) + 1000000000n) % 1000000000n);
    return { sec, nsec, offset: undefined, utcOffset: zoneOffsetAt(tz, sec) };
  }
  if (f.century !== undefined && f.year !== undefined && f.year >= 0 && f.year < 100) f.year += f.century * 100;
  else if (f.century !== undefined && f.year === undefined) f.year = f.century * 100;
  let hour = f.hour;
  if (f.pm !== undefined && hour !== undefined) hour = (hour % 12) + (f.pm ? 12 : 0);
  let offset: number | undefined;
  if (f.zone !== undefined) {
    offset = zoneOffsetOf(f.zone, dialect);
  }
  const nowOffset = offset !== undefined ? offset : zoneOffsetAt(tz, nowSec);
  const now = civilFromSeconds(nowSec + nowOffset);
  let { year, mon, mday: day } = f;
  let min = f.min;
  let sec = f.sec;
  if (f.yday !== undefined && f.mon === undefined) {
    const y = year ?? now.year;
    const c = civilFromSeconds((daysFromCivil(y, 1, 1) + f.yday - 1) * 86400);
    mon = c.month;
    day = c.day;
  }
  if (
    year === undefined &&
    mon === undefined &&
    day === undefined &&
    hour === undefined &&
    min === undefined &&
    sec === undefined &&
    !f.frac
  ) {
    if (dialect === 'std') fail();
  }
  let nsec = f.frac ? f.frac[0] : 0;
  // Ruby fills the fields before the first one given from the current time
  if (year === undefined) {
    year = now.year;
    if (mon === undefined) {
      mon = now.month;
      if (day === undefined) {
        day = now.day;
        if (hour === undefined) {
          hour = now.hour;
          if (min === undefined) {
            min = now.min;
            if (sec === undefined) {
              sec = now.sec;
              if (!f.frac) nsec = 0;
            }
          }
        }
      }
    }
  }
  const wall = daysFromCivil(year, mon ?? 1, day ?? 1) * 86400 + (hour ?? 0) * 3600 + (min ?? 0) * 60 + (sec ?? 0);
  if (offset !== undefined) return { sec: wall - offset, nsec, offset, utcOffset: offset };
  const instant = localToUtc(wall, tz);
  return { sec: instant, nsec, offset: undefined, utcOffset: zoneOffsetAt(tz, instant) };
}
