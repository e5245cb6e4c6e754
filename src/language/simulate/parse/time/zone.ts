// Time zones as Ruby sees them: the process zone (TZ) for local times, numeric offsets and IANA
// names (TZInfo) for Fluentd's `timezone`. Offsets come from the platform's Intl data.

/** Days from 1970-01-01 to a proleptic Gregorian date (any year, month 1-12, day may overflow). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

/** Seconds since the epoch of a wall-clock time read as UTC (fields may overflow, as Ruby normalises them). */
export function wallSeconds(year: number, month: number, day: number, hour: number, min: number, sec: number): number {
  // month overflow is never passed here: callers validate months
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}

export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
}

export function civilFromSeconds(s: number): CivilTime {
  const days = Math.floor(s / 86400);
  let rem = s - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const min = Math.floor(rem / 60);
  return { year, month, day, hour, min, sec: rem - min * 60 };
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = FORMATTERS.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      f = null;
    }
    FORMATTERS.set(zone, f);
  }
  return f;
}

/** True when the platform knows this IANA zone name. */
export function isKnownZone(zone: string): boolean {
  return formatter(zone) !== null;
}

/** The UTC offset (seconds) of an IANA zone at an instant; 0 for UTC or an unknown zone (as Ruby's TZ does). */
export function zoneOffsetAt(zone: string | undefined, utcSeconds: number): number {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const numeric = numericOffset(zone);
  if (numeric !== undefined) return numeric;
  const f = formatter(zone);
  if (!f) return 0;
  // Intl covers years ±270000; clamp far instants to keep the call valid
  const ms = Math.max(-8.64e15, Math.min(8.64e15, utcSeconds * 1000));
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = wallSeconds(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(ms / 1000);
}

/** `+09:00`, `+0900`, `-05`: an offset in seconds (Ruby's Time.zone_offset for numeric zones). */
export function numericOffset(zone: string): number | undefined {
  const m = /^([+-])(\d\d):?(\d\d)?$/.exec(zone);
  if (!m) return undefined;
  const s = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60;
  return m[1] === '-' ? -s : s;
}

/**
 * The instant of a wall-clock time in a zone (Ruby's Time.local under TZ): the offset that holds
 * at that wall time; in a gap, the offset from before it.
 */
export function localToUtc(wall: number, zone: string | undefined): number {
  if (!zone || zone === 'UTC') return wall;
  const o1 = zoneOffsetAt(zone, wall);
  const o2 = zoneOffsetAt(zone, wall - o1);
  if (o1 === o2) return wall - o1;
  const o3 = zoneOffsetAt(zone, wall - o2);
  return wall - (o3 === o2 ? o2 : Math.max(o1, o2));
}
