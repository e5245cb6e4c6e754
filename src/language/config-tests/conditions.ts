// Field conditions of config tests: equals, contains, matches, absent — on a record field (a
// key or a record accessor), a tag, or a destination. Each check says, when it fails, what the
// value was, in Ruby's JSON (so 1.0 and "1" read as they are).
import { toRubyJson } from '../simulate/parse/ruby-json';
import { RegexpTimeout } from '../simulate/parse/regexp-guard';
import { regexpParam } from '../simulate/parse/ruby-regexp';
import { recordAccessor } from '../simulate/route/record-accessor';
import { getOwn, isHash } from '../simulate/ruby/hash';
import { RubyFloat, type EventRecord, type RecordValue } from '../simulate/types';
import type { Condition } from './model';

/** The value of a field (`key` or `$.a.b`), undefined when absent. Throws on an accessor Fluentd refuses. */
export function fieldValue(record: EventRecord, field: string): RecordValue | undefined {
  if (field.startsWith('$')) return recordAccessor(field).get(record);
  return getOwn(record, field);
}

/** Shows a value in a message, cut short. */
export function shown(v: RecordValue | undefined, max = 200): string {
  if (v === undefined) return '(absent)';
  const s = toRubyJson(v);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : v instanceof RubyFloat ? v.value : undefined);

/** Equality of record values by JSON type: numbers by value (1 = 1.0), strings, booleans, nil, arrays and hashes deeply. */
export function sameValue(a: unknown, b: unknown): boolean {
  const na = num(a);
  const nb = num(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Whether the condition holds for the value; the reason when it does not. */
export function check(c: Condition, v: RecordValue | undefined): { ok: true } | { ok: false; why: string } {
  switch (c.op) {
    case 'absent': {
      const wantAbsent = c.value === true;
      if (wantAbsent === (v === undefined)) return { ok: true };
      return { ok: false, why: wantAbsent ? `is present (${shown(v)}), expected absent` : 'is absent, expected present' };
    }
    case 'equals':
      return sameValue(v, c.value) ? { ok: true } : { ok: false, why: `is ${shown(v)}, not ${shown(c.value as RecordValue)}` };
    case 'contains': {
      if (typeof v === 'string' && typeof c.value === 'string')
        return v.includes(c.value) ? { ok: true } : { ok: false, why: `is ${shown(v)}, which does not contain ${shown(c.value)}` };
      if (Array.isArray(v))
        return v.some((x) => sameValue(x, c.value))
          ? { ok: true }
          : { ok: false, why: `is ${shown(v)}, which has no element ${shown(c.value as RecordValue)}` };
      if (isHash(v) && typeof c.value === 'string')
        return Object.prototype.hasOwnProperty.call(v, c.value) ? { ok: true } : { ok: false, why: `has no key ${shown(c.value)}` };
      return { ok: false, why: `is ${shown(v)}, which cannot contain ${shown(c.value as RecordValue)}` };
    }
    case 'matches': {
      if (v === undefined) return { ok: false, why: `is absent, expected a match of /${String(c.value)}/` };
      const compiled = regexpParam(String(c.value));
      if (!compiled.ok)
        return { ok: false, why: `the regexp does not compile: ${'error' in compiled ? compiled.error : compiled.notSimulated}` };
      const text = typeof v === 'string' ? v : toRubyJson(v);
      try {
        return compiled.regexp.test(text) ? { ok: true } : { ok: false, why: `is ${shown(v)}, which does not match /${String(c.value)}/` };
      } catch (e) {
        if (e instanceof RegexpTimeout)
          return { ok: false, why: `was not checked: the regexp stopped (${e.message}); it can backtrack catastrophically` };
        throw e;
      }
    }
  }
}
