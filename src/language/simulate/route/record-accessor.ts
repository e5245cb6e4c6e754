// Fluentd's record_accessor: `key`, `$.a.b[0]` or `$['a']['b']` naming a value inside a
// record, to read it, delete it or set it (the key parameters of grep, rewrite_tag_filter,
// the parser filter, record_transformer's remove_keys).
import { rubySplit } from '../ruby/format';
import { getOwn, hasOwn, isHash, setOwn } from '../ruby/hash';
import type { EventRecord, RecordValue } from '../types';
import { ConfigError } from './param-types';

export interface RecordAccessor {
  readonly param: string;
  get(r: EventRecord): RecordValue | undefined;
  delete(r: EventRecord): RecordValue | undefined;
  set(r: EventRecord, v: RecordValue): void;
}

type Key = string | number;

export function recordAccessor(param: string): RecordAccessor {
  const keys = parseParameter(param);
  if (typeof keys === 'string' || keys.length === 1) {
    const k = typeof keys === 'string' ? keys : keys[0];
    return {
      param,
      get: (r) => (typeof k === 'string' ? getOwn(r, k) : undefined),
      delete(r) {
        if (typeof k !== 'string' || !hasOwn(r, k)) return undefined;
        const v = r[k];
        delete r[k];
        return v;
      },
      set(r, v) {
        if (typeof k === 'string') setOwn(r, k, v);
      },
    };
  }
  const dig = keys.slice(0, -1);
  const last = keys[keys.length - 1];
  return {
    param,
    get: (r) => digInto(r, keys),
    delete(r) {
      const target = digInto(r, dig);
      if (Array.isArray(target) && typeof last === 'number') {
        const i = last < 0 ? target.length + last : last;
        return i >= 0 && i < target.length ? target.splice(i, 1)[0] : undefined;
      }
      if (isHash(target) && typeof last === 'string' && hasOwn(target, last)) {
        const v = target[last];
        delete target[last];
        return v;
      }
      return undefined;
    },
    set(r, v) {
      const target = digInto(r, dig);
      if (Array.isArray(target) && typeof last === 'number') target[last < 0 ? target.length + last : last] = v;
      else if (isHash(target) && typeof last === 'string') setOwn(target, last, v);
    },
  };
}

/** Hash#dig / Array#dig; a step into a scalar raises in Ruby (TypeError), read here as nil. */
function digInto(r: EventRecord, keys: Key[]): RecordValue | undefined {
  let cur: RecordValue | undefined = r;
  for (const k of keys) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur)) {
      if (typeof k !== 'number') return undefined;
      cur = cur[k < 0 ? cur.length + k : k];
    } else if (isHash(cur)) {
      if (typeof k !== 'string') return undefined;
      cur = getOwn(cur, k);
    } else return undefined;
  }
  return cur;
}

function parseParameter(param: string): string | Key[] {
  if (param.startsWith('$.')) return parseDots(param);
  if (param.startsWith('$[')) return parseBrackets(param);
  return param;
}

function parseDots(param: string): Key[] {
  const out: Key[] = [];
  for (const key of rubySplit(param.slice(2), '.')) {
    if (!key.includes('[')) {
      out.push(key);
      continue;
    }
    const start = key.indexOf('[');
    if (start > 0) out.push(key.slice(0, start));
    let rest = key.slice(start + 1);
    let inBracket = true;
    while (rest) {
      if (inBracket) {
        const i = rest.indexOf(']');
        if (i < 0) throw new ConfigError(`'[' found but ']' not found. Invalid syntax: ${param}`);
        out.push(integer(rest.slice(0, i), param));
        rest = rest.slice(i + 1);
        inBracket = false;
      } else {
        const i = rest.indexOf('[');
        if (i < 0) throw new ConfigError(`found more characters after ']'. Invalid syntax: ${param}`);
        rest = rest.slice(i + 1);
        inBracket = true;
      }
    }
  }
  if (!out.length) throw new ConfigError('empty keys in dot notation');
  for (const k of out)
    if (typeof k === 'string' && /\s/.test(k))
      throw new ConfigError(`whitespace character is not allowed in dot notation. Use bracket notation: ${k}`);
  return out;
}

function parseBrackets(param: string): Key[] {
  const out: Key[] = [];
  let rest = param.slice(1);
  let inBracket = false;
  while (rest) {
    if (inBracket) {
      if (rest[0] === "'" || rest[0] === '"') {
        let i = rest.indexOf("']");
        if (i < 0) i = rest.indexOf('"]');
        if (i < 0) throw new ConfigError(`Incomplete bracket. Invalid syntax: ${param}`);
        if (rest[0] !== rest[i]) throw new ConfigError(`Mismatched quotes. Invalid syntax: ${param}`);
        out.push(rest.slice(1, i));
        rest = rest.slice(i + 2);
      } else {
        const i = rest.indexOf(']');
        if (i < 0) throw new ConfigError(`'[' found but ']' not found. Invalid syntax: ${param}`);
        out.push(integer(rest.slice(0, i), param));
        rest = rest.slice(i + 1);
      }
      inBracket = false;
    } else {
      const i = rest.indexOf('[');
      if (i < 0) throw new ConfigError(`found more characters after ']'. Invalid syntax: ${param}`);
      rest = rest.slice(i + 1);
      inBracket = true;
    }
  }
  if (!out.length) throw new ConfigError('empty keys in bracket notation');
  return out;
}

function integer(s: string, param: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new ConfigError(`invalid value for Integer(): ${JSON.stringify(s)} in ${param}`);
  return Number(s);
}
