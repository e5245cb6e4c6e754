// Buffered outputs' placeholders (Output#extract_placeholders): the chunk an event lands
// in is keyed by the <buffer> chunk keys (tag, time, record keys), and only those fill
// ${tag}, ${tag[N]}, strftime formats (time) and ${key} in names and paths. With no
// chunk keys nothing is replaced.
import { rubySplit } from '../../ruby/format';
import { toS } from '../ruby-values';
import type { EventRecord, EventTime } from '../../types';
import { sections, param, type SimElement } from '../config';
import { ConfigError } from '../param-types';
import { recordAccessor, type RecordAccessor } from '../record-accessor';
import { civil, strftime } from '../time-format';

export interface ChunkKeys {
  tag: boolean;
  time: boolean;
  /** Seconds of a time chunk (timekey). */
  timekey?: number;
  /** The time zone of time chunks: an offset like '+0000', or an IANA name. */
  zone: string | undefined;
  utc: boolean;
  keys: { name: string; accessor: RecordAccessor }[];
}

export interface PluginBufferDefaults {
  chunkKeys?: string[];
  timekey?: number;
  timekeyUseUtc?: boolean;
}

/** `<buffer tag, time>` of an output (or the plugin's defaults when it has no <buffer>). */
export function chunkKeysOf(el: SimElement, defaults: PluginBufferDefaults, tz: string | undefined): ChunkKeys {
  const buffer = sections(el, 'buffer')[0];
  // <buffer> without an argument keeps the plugin's default chunk keys
  const arg = buffer?.arg.trim() ?? '';
  const list = arg ? arg.split(/\s*,\s*/).filter(Boolean) : (defaults.chunkKeys ?? []);
  const timekeyText = buffer ? param(buffer, 'timekey') : undefined;
  const timekey = timekeyText !== undefined ? timeValue(timekeyText) : defaults.timekey;
  const useUtcText = buffer ? param(buffer, 'timekey_use_utc') : undefined;
  const utc =
    useUtcText !== undefined ? useUtcText === 'true' || useUtcText === 'yes' || useUtcText === '' : (defaults.timekeyUseUtc ?? false);
  const zone = (buffer ? param(buffer, 'timekey_zone') : undefined) ?? tz;
  const time = list.includes('time');
  if (time && !timekey) throw new ConfigError("<buffer ...> argument includes 'time', but timekey is not configured");
  return {
    tag: list.includes('tag'),
    time,
    timekey,
    zone: utc ? '+0000' : zone,
    utc,
    keys: list.filter((k) => k !== 'tag' && k !== 'time').map((name) => ({ name, accessor: recordAccessor(name) })),
  };
}

/** Fluentd's time type: 10s, 5m, 1h, 1d, or seconds as a float. */
export function timeValue(text: string): number {
  const m = /(\d+)([smhd])/.exec(text);
  if (m) return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const n = parseFloat(text);
  return Number.isFinite(n) ? n : 0;
}

function zoneOffsetMinutes(zone: string | undefined, sec: number): number {
  return civil(sec, zone ? zoneName(zone) : undefined).offset;
}

/** '+0900' and '-07:00' are offsets; anything else an IANA name. */
function zoneName(zone: string): string {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  return m ? `${m[1]}${m[2]}:${m[3]}` : zone;
}

/** The start of the time chunk an event falls in. */
export function timekeyOf(keys: ChunkKeys, time: EventTime): number {
  const t = time.sec;
  const k = keys.timekey ?? 1;
  if (keys.utc) return t - (((t % k) + k) % k);
  const offset = zoneOffsetMinutes(keys.zone, t) * 60;
  return t - ((((t + offset) % k) + k) % k);
}

/** Output#extract_placeholders for one event's chunk. `notes` gets what was left unreplaced. */
export function extractPlaceholders(
  str: string,
  keys: ChunkKeys,
  tag: string,
  time: EventTime,
  record: EventRecord,
  notes: string[],
): string {
  if (!keys.tag && !keys.time && !keys.keys.length) {
    if (/\$\{[^}]+\}/.test(str)) notes.push(`${str}: placeholders are not replaced without chunk keys in <buffer>`);
    return str;
  }
  let out = str;
  if (keys.time) out = strftime(out, { sec: timekeyOf(keys, time), nsec: 0 }, keys.zone ? zoneName(keys.zone) : undefined);
  if (keys.tag) {
    out = out.split('${tag}').join(tag);
    const parts = rubySplit(tag, '.');
    out = out.replace(/\$\{tag\[(-?\d+)\]\}/g, (all, n: string) => {
      const i = Number(n);
      const v = i >= 0 ? parts[i] : parts.length + i >= 0 ? parts[parts.length + i] : undefined;
      return i < parts.length && v !== undefined && String(i) === n ? v : all;
    });
    const left = /\$\{(tag(?:\[-?\d+\])?)\}/.exec(out);
    if (left) notes.push(`tag placeholder '${left[1]}' not replaced (tag ${tag})`);
  }
  if (keys.keys.length) {
    const values = new Map(keys.keys.map((k) => [`\${${k.name}}`, toS(k.accessor.get(record))]));
    out = out.replace(/\$\{([-_.@$a-zA-Z0-9]+)\}/g, (m) => {
      if (m === '${tag}') return m;
      const v = values.get(m);
      if (v === undefined) notes.push(`chunk key placeholder '${m.slice(2, -1)}' not replaced`);
      return v ?? '';
    });
  }
  return out;
}
