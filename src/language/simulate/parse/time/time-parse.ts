// Ruby's Time.parse (Date._parse), which Fluentd uses when a time has no time_format. Date._parse
// guesses from fragments anywhere in the text ("junk" reads as June); only the shapes logs use are
// reproduced here — ISO 8601, RFC 2822, syslog/ctime ("Mon Mar 04 10:00:00.123456 2024"),
// Y/M/D — and text with no date fragment at all is Ruby's "no time information". Anything else is
// reported as not simulated rather than guessed.
import type { EventTime } from '../../types';
import { RubyArgumentError, rubyInspect } from '../ruby-values';
import { civilFromSeconds, daysFromCivil, localToUtc, numericOffset, zoneOffsetAt } from './zone';

export class NotSimulatedTime extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WDAY = String.raw`(?:(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s+)?`;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;
const ZONE = String.raw`(?:\s*(z|utc|gmt|ut|[a-z]{3}|[+-]\d{2}:?\d{2}|[+-]\d{2}))?`;

const SHAPES: { re: RegExp; read: (m: RegExpExecArray) => Parts }[] = [
  {
    // 2024-03-05[T ]10:11:12.5+09:00, 2024/03/05 10:11:12, 2024-03-05
    re: new RegExp(String.raw`^\s*${WDAY}(-?\d{4,})[-/](\d{1,2})[-/](\d{1,2})(?:(?:t|\s+)${TIME}${ZONE})?\s*$`, 'i'),
    read: (m) => ({ year: +m[1], mon: +m[2], day: +m[3], hour: opt(m[4]), min: opt(m[5]), sec: opt(m[6]), frac: m[7], zone: m[8] }),
  },
  {
    // Mar 5 01:02:03 [2024], Mon Mar 04 10:00:00.123456 2024, Oct 11 14:32:52 2000
    re: new RegExp(String.raw`^\s*${WDAY}${MON}\.?\s+(\d{1,2})(?:\s+${TIME}${ZONE})?(?:\s+(\d{4}))?\s*$`, 'i'),
    read: (m) => ({
      year: opt(m[8]),
      mon: month(m[1]),
      day: +m[2],
      hour: opt(m[3]),
      min: opt(m[4]),
      sec: opt(m[5]),
      frac: m[6],
      zone: m[7],
    }),
  },
  {
    // Tue, 05 Mar 2024 10:11:12 +0000 ; 5 Mar 2024 10:11
    re: new RegExp(String.raw`^\s*${WDAY}(\d{1,2})\s+${MON}\.?\s+(-?\d{4})(?:\s+${TIME}${ZONE})?\s*$`, 'i'),
    read: (m) => ({ year: +m[3], mon: month(m[2]), day: +m[1], hour: opt(m[4]), min: opt(m[5]), sec: opt(m[6]), frac: m[7], zone: m[8] }),
  },
  {
    // 20240305T101112Z
    re: /^\s*(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?(z|[+-]\d{2}:?\d{2})?\s*$/i,
    read: (m) => ({ year: +m[1], mon: +m[2], day: +m[3], hour: +m[4], min: +m[5], sec: +m[6], frac: m[7], zone: m[8] }),
  },
  {
    // 10:11:12 alone
    re: new RegExp(String.raw`^\s*${TIME}${ZONE}\s*$`, 'i'),
    read: (m) => ({ hour: +m[1], min: +m[2], sec: opt(m[3]), frac: m[4], zone: m[5] }),
  },
];

interface Parts {
  year?: number;
  mon?: number;
  day?: number;
  hour?: number;
  min?: number;
  sec?: number;
  frac?: string;
  zone?: string;
}

function opt(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

function month(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

const ZONES: Record<string, number> = {
  z: 0,
  utc: 0,
  gmt: 0,
  ut: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

/** Any fragment Date._parse could read: a digit, or a month or weekday name. */
const ANY_FRAGMENT = /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat/i;

export interface ParseClock {
  readonly nowSec: number;
  readonly tz: string | undefined;
}

/** Time.parse(text) as an EventTime; RubyArgumentError where Ruby raises ArgumentError. */
export function rubyTimeParse(text: string, clock: ParseClock): EventTime {
  if (!ANY_FRAGMENT.test(text)) throw new RubyArgumentError(`no time information in ${rubyInspect(text)}`);
  for (const { re, read } of SHAPES) {
    const m = re.exec(text);
    if (m) return assemble(read(m), clock, text);
  }
  throw new NotSimulatedTime(`Ruby's Time.parse guesses a time from ${rubyInspect(text)}: set time_format to have it simulated`);
}

function assemble(p: Parts, clock: ParseClock, text: string): EventTime {
  let offset: number | undefined;
  if (p.zone !== undefined) {
    const z = p.zone.toLowerCase();
    if (Object.hasOwn(ZONES, z)) offset = ZONES[z] * 3600;
    else if (/^[+-]/.test(z)) offset = numericOffset(z.length === 5 ? `${z.slice(0, 3)}:${z.slice(3)}` : z);
    else throw new NotSimulatedTime(`the zone name in ${rubyInspect(text)}`);
  }
  const now = civilFromSeconds(clock.nowSec + (offset ?? zoneOffsetAt(clock.tz, clock.nowSec)));
  // Ruby fills the fields before the first one given from the current time
  const { hour, min, sec } = p;
  let { year, mon, day } = p;
  if (year === undefined) {
    year = now.year;
    if (mon === undefined) {
      mon = now.month;
      if (day === undefined) day = now.day;
    }
  }
  if (mon! < 1 || mon! > 12) throw new RubyArgumentError('mon out of range');
  if (day! < 1 || day! > 31 || (hour ?? 0) > 24 || (min ?? 0) > 59 || (sec ?? 0) > 60) throw new RubyArgumentError('argument out of range');
  const nsec = p.frac ? Number(p.frac.slice(0, 9).padEnd(9, '0')) : 0;
  const wall = daysFromCivil(year, mon!, day ?? 1) * 86400 + (hour ?? 0) * 3600 + (min ?? 0) * 60 + (sec ?? 0);
  return { sec: offset !== undefined ? wall - offset : localToUtc(wall, clock.tz), nsec };
}
