// Times as Ruby prints them in a time zone: Time#to_s ("2024-03-05 10:11:12 +0000"),
// a strftime subset for output paths and index names, and Time.at(float) to EventTime
// exactly (Ruby keeps the float's binary value and truncates to nanoseconds).
import type { EventTime } from '../types';

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Day of the week, 0 = Sunday. */
  wday: number;
  /** Minutes east of UTC. */
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The civil time of `sec` in the zone `tz` (an IANA name or 'UTC'; undefined: UTC). */
export function civil(sec: number, tz: string | undefined): Civil {
  const d = new Date(sec * 1000);
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return fromUtc(d, 0);
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
  if (fixed) {
    const off = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
    return fromUtc(new Date(d.getTime() + off * 60_000), off);
  }
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return fromUtc(d, 0); // Ruby treats an unknown TZ as UTC
    }
    formatters.set(tz, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(d)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = Math.round((asUtc - Math.floor(sec) * 1000) / 60_000);
  return fromUtc(new Date(asUtc), offset);
}

function fromUtc(d: Date, offset: number): Civil {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    wday: d.getUTCDay(),
    offset,
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

function offsetText(off: number, colon: boolean): string {
  const a = Math.abs(off);
  return `${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}${colon ? ':' : ''}${p2(a % 60)}`;
}

/** Time#to_s: "%Y-%m-%d %H:%M:%S %z". */
export function rubyTimeToS(sec: number, tz: string | undefined): string {
  return strftime('%Y-%m-%d %H:%M:%S %z', { sec, nsec: 0 }, tz);
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Ruby's strftime for the directives paths and index names use; others stay as written. */
export function strftime(format: string, t: EventTime, tz: string | undefined): string {
  const c = civil(t.sec, tz);
  return format.replace(/%(:?)([a-zA-Z%])/g, (all, colon: string, d: string) => {
    switch (d) {
      case 'Y':
        return String(c.year);
      case 'y':
        return p2(c.year % 100);
      case 'm':
        return p2(c.month);
      case 'd':
        return p2(c.day);
      case 'e':
        return String(c.day).padStart(2, ' ');
      case 'H':
        return p2(c.hour);
      case 'M':
        return p2(c.minute);
      case 'S':
        return p2(c.second);
      case 'L':
        return String(Math.floor(t.nsec / 1e6)).padStart(3, '0');
      case 'N':
        return String(t.nsec).padStart(9, '0');
      case 's':
        return String(t.sec);
      case 'z':
        return offsetText(c.offset, colon === ':');
      case 'Z':
        return c.offset === 0 && (!tz || /UTC/.test(tz)) ? 'UTC' : all;
      case 'j': {
        const start = Date.UTC(c.year, 0, 1);
        return String(Math.floor((Date.UTC(c.year, c.month - 1, c.day) - start) / 86_400_000) + 1).padStart(3, '0');
      }
      case 'A':
        return DAYS[c.wday];
      case 'a':
        return DAYS[c.wday].slice(0, 3);
      case 'B':
        return MONTHS[c.month - 1];
      case 'b':
        return MONTHS[c.month - 1].slice(0, 3);
      case 'u':
        return String(c.wday === 0 ? 7 : c.wday);
      case 'w':
        return String(c.wday);
      case '%':
        return '%';
      default:
        return all;
    }
  });
}

/** Time.at(f) as an EventTime: the float's exact binary value, truncated to nanoseconds. */
export function eventTimeFromFloat(f: number): EventTime {
  if (!Number.isFinite(f)) return { sec: 0, nsec: 0 };
  const sec = Math.floor(f);
  const frac = f - sec; // exact: both are doubles within a factor of 2 of each other or frac is tiny
  if (frac === 0) return { sec, nsec: 0 };
  // frac = m / 2^k exactly; nsec = floor(m * 1e9 / 2^k)
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, frac);
  const bits = buf.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = (bits & ((1n << 52n) - 1n)) | (exp ? 1n << 52n : 0n);
  const shift = BigInt(1075 - (exp || 1));
  const nsec = Number((mant * 1_000_000_000n) >> shift);
  return { sec, nsec };
}
