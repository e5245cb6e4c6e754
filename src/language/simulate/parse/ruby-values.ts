// How Ruby writes values into messages: String#inspect and to_s, as Fluentd's error texts show them.
import { RubyFloat, type RecordValue } from '../types';
import { rubyFloatToS, toRubyJson } from './ruby-json';

/** A Ruby ArgumentError (its message as Ruby words it). */
export class RubyArgumentError extends Error {}

const INSPECT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/** String#inspect for a UTF-8 string. */
export function rubyInspect(s: string): string {
  // eslint-disable-next-line no-control-regex
  const body = s.replace(/["\\\u0000-\u001f\u007f]|#(?=[{$@])/g, (c) => {
    if (c === '#') return '\\#';
    return INSPECT_ESCAPES[c] ?? (c === '\u007f' ? '\\x7F' : `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  });
  return `"${body}"`;
}

/** Object#to_s as string interpolation writes it. */
export function rubyToS(v: RecordValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (v instanceof RubyFloat) return rubyFloatToS(v.value);
  if (Array.isArray(v)) return `[${v.map(inspectValue).join(', ')}]`;
  return `{${Object.keys(v)
    .map((k) => `${rubyInspect(k)}=>${inspectValue(v[k])}`)
    .join(', ')}}`;
}

/** Object#inspect */
export function inspectValue(v: RecordValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return rubyInspect(v);
  if (Array.isArray(v) || (typeof v === 'object' && !(v instanceof RubyFloat))) return rubyToS(v);
  return rubyToS(v);
}

export { toRubyJson };
