// How Ruby writes values as text: Float#to_s, String#inspect, Object#to_s and #inspect
// for the values records hold (Ruby 3.1, as Fluentd 1.16 runs). Filters turn record
// values into strings this way (grep and rewrite_tag_filter test `value.to_s`; a
// placeholder inside a longer string interpolates it), and in_tail's warnings quote
// lines with #inspect.
import { RubyFloat, type RecordValue } from '../types';

/** Float#to_s: the shortest digits that read back; exponent form below 1e-4 and from 1e16. */
export function floatToS(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const sign = v < 0 ? '-' : '';
  // JavaScript's exponential form has the same shortest digits
  const [mant, expText] = Math.abs(v).toExponential().split('e');
  const digits = mant.replace('.', '');
  const decpt = Number(expText) + 1; // value = 0.digits × 10^decpt
  if (decpt < -3 || decpt > 15) {
    const e = decpt - 1;
    const frac = digits.length > 1 ? digits.slice(1) : '0';
    return `${sign}${digits[0]}.${frac}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (digits.length <= decpt) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/** String#inspect of a UTF-8 string. */
export function inspectString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const esc = SIMPLE_ESCAPES[ch];
    if (esc) {
      out += esc;
      continue;
    }
    // "#{", "#$" and "#@" would interpolate when read back: Ruby escapes the '#'
    if (ch === '#' && (s[i + 1] === '{' || s[i + 1] === '$' || s[i + 1] === '@')) {
      out += '\\#';
      continue;
    }
    const code = ch.charCodeAt(0);
    // control characters, C1 controls and the line/paragraph separators are not printable
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      continue;
    }
    out += ch;
  }
  return `${out}"`;
}

/** Object#inspect of a record value (Ruby 3.1: `{"a"=>1}`, `[1, nil]`). */
export function inspect(v: RecordValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return inspectString(v);
  if (typeof v === 'number') return integerToS(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof RubyFloat) return floatToS(v.value);
  if (Array.isArray(v)) return `[${v.map(inspect).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${inspectString(k)}=>${inspect(x)}`)
    .join(', ')}}`;
}

/** Object#to_s: strings as they are, nil as "", everything else as #inspect. */
export function toS(v: RecordValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return inspect(v);
}

/** Integer#to_s; a JSON number without a fraction is an Integer in Ruby. */
function integerToS(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return floatToS(n);
}

/** String#split with a one-character separator: empty fields at the end are dropped. */
export function rubySplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
