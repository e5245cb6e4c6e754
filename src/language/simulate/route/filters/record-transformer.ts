// filter_record_transformer without Ruby: <record> values with ${tag}, ${tag_parts[N]}
// (negative too), ${tag_prefix[N]}, ${tag_suffix[N]}, ${hostname}, ${time} and
// ${record["key"]}; a value that is one placeholder keeps the value's type
// (auto_typecast); values starting with { or [ are JSON. remove_keys, keep_keys,
// renew_record, renew_time_key. With enable_ruby the ${…} are Ruby code (tag, time, record,
// tag_parts, tag_prefix, tag_suffix, hostname): the small subset ruby-snippet reads is
// simulated, any other code is not.
import { rubySplit } from '../../ruby/format';
import { parseYajl } from '../../parse/ruby-json';
import { toS } from '../ruby-values';
import { getOwn, hasOwn, isHash, setOwn } from '../../ruby/hash';
import { RubyFloat, type EventRecord, type RecordValue } from '../../types';
import { sections, param, type SimElement } from '../config';
import { arrayParam, boolParam, ConfigError, NotSimulatedError } from '../param-types';
import { recordAccessor } from '../record-accessor';
import { shallowCopy } from '../records';
import { RubyError, type FilterPlugin } from '../router';
import { compileTemplate, SnippetNotSimulated, tagPrefixes, tagSuffixes, type Snippet, type SnippetScope } from '../ruby-snippet';
import { eventTimeFromFloat, rubyTimeToS } from '../time-format';
import type { ElementRef } from '../types';

const PLACEHOLDER = /(\$\{[^}]+\}|__[A-Z_]+__)/g;
const SINGLE = /^(\$\{[^}]+\}|__[A-Z_]+__)$/;

/** What a placeholder stands for in one event (undefined: unknown, nil). */
type Lookup = (name: string) => RecordValue | undefined;

export function recordTransformerFilter(el: SimElement, ref: ElementRef, hostname: string, tz: string | undefined): FilterPlugin {
  const map: [string, RecordValue][] = [];
  for (const rec of sections(el, 'record')) {
    for (const [k, v] of rec.params) {
      if (v.kind === 'unknown') throw new NotSimulatedError(`<record> ${k} is computed by Ruby code at start-up`);
      const i = map.findIndex(([key]) => key === k);
      const parsed = parseValue(v.text);
      if (i >= 0) map[i][1] = parsed;
      else map.push([k, parsed]);
    }
  }
  const renewRecord = boolParam(el, 'renew_record', false);
  const keepKeys = arrayParam(el, 'keep_keys');
  if (keepKeys && !renewRecord) throw new ConfigError('`renew_record` must be true to use `keep_keys`');
  const removers = arrayParam(el, 'remove_keys')?.map(recordAccessor);
  const renewTimeKey = param(el, 'renew_time_key');
  const autoTypecast = boolParam(el, 'auto_typecast', true);
  const ruby = boolParam(el, 'enable_ruby', false) ? compileRubyMap(map, autoTypecast) : undefined;

  return {
    kind: 'filter',
    ref,
    streamOnly: true,
    filter(_state, tag, ev) {
      const timeText = rubyTimeToS(ev.time.sec, tz);
      const record = renewRecord ? {} : shallowCopy(ev.record);
      if (keepKeys && renewRecord) for (const k of keepKeys) if (hasOwn(ev.record, k)) setOwn(record, k, ev.record[k]);
      if (ruby) {
        const scope = { tag, time: ev.time, record: ev.record, transformer: { hostname, timeText } };
        for (const [k, v] of ruby) setOwn(record, toS(k(scope)), runCompiled(v, scope));
      } else {
        const lookup = placeholders(tag, ev.record, hostname, timeText);
        for (const [k, v] of map) setOwn(record, expandString(k, lookup, false, true) as string, expand(v, lookup, autoTypecast));
      }
      let time = ev.time;
      if (renewTimeKey !== undefined && hasOwn(record, renewTimeKey)) time = eventTimeFromFloat(toF(record[renewTimeKey]));
      if (removers) for (const r of removers) r.delete(record);
      return { time, record };
    },
  };
}

/** `<record>` values starting with { or [ are JSON (a bad one stays a string, as Fluentd warns). */
function parseValue(text: string): RecordValue {
  if (!text.startsWith('{') && !text.startsWith('[')) return text;
  const r = parseYajl(text);
  return r.ok ? r.value : text;
}

type Compiled = { snippet: Snippet; text: string } | { arr: Compiled[] } | { obj: [Snippet, Compiled][] } | { lit: RecordValue };

/** Literal text %Q[…] would read differently: escapes, brackets, interpolation. */
const PERCENT_Q_UNSAFE = /[\\[\]]|#[{$@]/;

/** enable_ruby: each string of the map becomes Ruby (`${…}` → `#{…}` in %Q[…], or the code alone when typed). */
function compileRubyMap(map: [string, RecordValue][], autoTypecast: boolean): [Snippet, Compiled][] {
  const str = (s: string, typed: boolean): Snippet => {
    try {
      return compileTemplate(s, typed, PERCENT_Q_UNSAFE);
    } catch (e) {
      if (e instanceof SnippetNotSimulated)
        throw new NotSimulatedError(`record_transformer with enable_ruby: the Ruby of ${s} is beyond this simulator`);
      throw e;
    }
  };
  const value = (v: RecordValue): Compiled => {
    if (typeof v === 'string') return { snippet: str(v, autoTypecast), text: v };
    if (Array.isArray(v)) return { arr: v.map(value) };
    if (isHash(v)) return { obj: Object.keys(v).map((k) => [str(k, false), value(v[k])]) };
    return { lit: v };
  };
  return map.map(([k, v]) => [str(k, false), value(v)]);
}

function runCompiled(c: Compiled, scope: SnippetScope): RecordValue {
  if ('snippet' in c) {
    try {
      return c.snippet(scope);
    } catch (e) {
      if (e instanceof RubyError) throw new RubyError(`failed to expand \`${c.text}\` : error = ${e.message}`);
      throw e;
    }
  }
  if ('arr' in c) return c.arr.map((x) => runCompiled(x, scope));
  if ('obj' in c) {
    const out: EventRecord = {};
    for (const [k, v] of c.obj) setOwn(out, toS(k(scope)), runCompiled(v, scope));
    return out;
  }
  return c.lit;
}

function placeholders(tag: string, record: EventRecord, hostname: string, time: string): Lookup {
  let parts: string[] | undefined;
  const tagParts = () => (parts ??= rubySplit(tag, '.'));
  const indexed = (list: string[], idx: string): string | undefined => {
    const n = Number(idx);
    const i = n < 0 ? list.length + n : n;
    // only the indexes Fluentd stores: 0…size-1 and -size…-1
    return n >= -list.length && n < list.length && /^-?\d+$/.test(idx) && String(n) === idx ? list[i] : undefined;
  };
  return (name) => {
    if (name === '${tag}') return tag;
    if (name === '${hostname}') return hostname;
    if (name === '${time}') return time;
    const m = /^\$\{(tag_parts|tag_prefix|tag_suffix)\[(-?\d+)\]\}$/.exec(name);
    if (m) {
      const p = tagParts();
      const list = m[1] === 'tag_parts' ? p : m[1] === 'tag_prefix' ? tagPrefixes(p) : tagSuffixes(p);
      return indexed(list, m[2]);
    }
    const r = /^\$\{record\["(.*)"\]\}$/s.exec(name);
    if (r) return getOwn(record, r[1]);
    return undefined;
  };
}

function expand(v: RecordValue, lookup: Lookup, autoTypecast: boolean): RecordValue {
  if (typeof v === 'string') return expandString(v, lookup, autoTypecast, false);
  if (Array.isArray(v)) return v.map((x) => expand(x, lookup, autoTypecast));
  if (isHash(v)) {
    const out: EventRecord = {};
    for (const k of Object.keys(v)) setOwn(out, expandString(k, lookup, false, true) as string, expand(v[k], lookup, autoTypecast));
    return out;
  }
  return v;
}

function expandString(s: string, lookup: Lookup, autoTypecast: boolean, forceString: boolean): RecordValue {
  if (autoTypecast && !forceString && SINGLE.test(s)) return lookup(s) ?? null;
  if (!s.includes('${') && !s.includes('__')) return s;
  return s.replace(PLACEHOLDER, (p) => toS(lookup(p)));
}

/** Ruby's #to_f of a record value (a Hash or an Array has none: NoMethodError). */
function toF(v: RecordValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (v instanceof RubyFloat) return v.value;
  if (typeof v === 'string') {
    const m = /^\s*[+-]?(\d[\d_]*)?(\.\d+)?([eE][+-]?\d+)?/.exec(v);
    const n = m && (m[1] || m[2]) ? Number(m[0].replace(/_/g, '')) : 0;
    return Number.isFinite(n) ? n : 0;
  }
  throw new RubyError(
    `undefined method \`to_f' for ${Array.isArray(v) ? 'an instance of Array' : typeof v === 'boolean' ? v : 'an instance of Hash'}`,
  );
}
