// JSON as Ruby reads and writes it: Yajl's reader (the json parser's fallback when Oj is absent,
// as in the oracle) and the json gem's generator (to_json), so records compare with Fluentd's by
// JSON type as well as value: 1000.0 stays a Float, 1e15 is written 1.0e+15.
import { RubyFloat, type RecordValue } from '../types';
import { setOwn } from '../ruby/hash';

/** Ruby's Float#to_s: shortest round-trip digits, fixed notation for exponents -4 < e10 <= 15. */
export function rubyFloatToS(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mant, exp] = Math.abs(n).toExponential().split('e');
  const digits = mant.replace('.', '');
  const decpt = Number(exp) + 1;
  if (decpt < -3 || decpt > 15) {
    const e = decpt - 1;
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (digits.length <= decpt) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function rubyJsonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** A record value written as Ruby's JSON.generate writes it (floats as Float#to_s, "/" unescaped, UTF-8 as is). */
export function toRubyJson(v: RecordValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return rubyJsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : rubyFloatToS(v);
  if (v instanceof RubyFloat) return rubyFloatToS(v.value);
  if (Array.isArray(v)) return `[${v.map(toRubyJson).join(',')}]`;
  return `{${Object.keys(v)
    .map((k) => `${rubyJsonString(k)}:${toRubyJson(v[k])}`)
    .join(',')}}`;
}

export type YajlResult =
  | { readonly ok: true; readonly value: RecordValue }
  | { readonly ok: false; readonly error: string }
  /** Valid JSON that JavaScript cannot hold as Ruby does (an integer beyond 2^53, an infinite float). */
  | { readonly ok: false; readonly notSimulated: string };

class JsonError extends Error {}
class Unrepresentable extends Error {}

/**
 * One complete JSON value read strictly (yajl-load.ts has what Yajl.load does with other text): one value (any type; empty text is nil), surrounding whitespace and /* *\/ or //
 * comments allowed, trailing content refused. Integers stay Integers, numbers with a fraction or an
 * exponent become Floats (RubyFloat).
 */
export function parseYajl(text: string, options: { loneSurrogates?: 'question-mark' | 'error' } = {}): YajlResult {
  const lone = (): number => (options.loneSurrogates === 'error' ? fail('lexical error: a lone surrogate') : 0x3f);
  let i = 0;
  const n = text.length;
  const fail = (what: string): never => {
    throw new JsonError(what);
  };
  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) i++;
      else if (c === 47 /* / */ && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('lexical error: unterminated comment');
        i = end + 2;
      } else if (c === 47 && text[i + 1] === '/') {
        const end = text.indexOf('\n', i + 2);
        i = end < 0 ? n : end + 1;
      } else return;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) fail('lexical error: premature EOF');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 32) fail('lexical error: invalid character inside string.');
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && Object.hasOwn(simple, e)) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("lexical error: invalid (non-hex) character occurs after '\\u' inside string.");
          let code = parseInt(hex, 16);
          i += 6;
          if (code >= 0xd800 && code <= 0xdbff) {
            const lo = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(text.slice(i, i + 6));
            if (lo) {
              code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(lo[1], 16) - 0xdc00);
              i += 6;
            } else code = lone(); // Yajl writes '?' for a lone surrogate, JSON.parse refuses it
          } else if (code >= 0xdc00 && code <= 0xdfff) code = lone();
          out += String.fromCodePoint(code);
        } else fail("lexical error: inside a string, '\\' occurs before a character which it may not.");
        start = i;
        continue;
      }
      i++;
    }
  };
  const num = (): RecordValue => {
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('lexical error: malformed number');
    i += m![0].length;
    const isFloat = m![1] !== undefined || m![2] !== undefined;
    const v = Number(m![0]);
    if (isFloat) {
      if (!Number.isFinite(v)) throw new Unrepresentable(`the float ${m![0]} is Infinity in Ruby, which to_json refuses`);
      return new RubyFloat(v);
    }
    if (!Number.isSafeInteger(v)) throw new Unrepresentable(`the integer ${m![0]} is beyond 2^53`);
    return v === 0 ? 0 : v;
  };
  const value = (): RecordValue => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, RecordValue> = {};
      skip();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('parse error: invalid object key (must be a string)');
        const k = str();
        skip();
        if (text[i] !== ':') fail("parse error: object key and value must be separated by a colon (':')");
        i++;
        const v = value();
        setOwn(obj, k, v); // a repeated key keeps its first position, as in a Ruby Hash
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("parse error: after key and value, inside map, I expect ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: RecordValue[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("parse error: after array element, I expect ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail('lexical error: invalid char in json text.');
  };
  try {
    skip();
    if (i >= n) return { ok: true, value: null };
    const v = value();
    skip();
    if (i < n) {
      if (text[i] === '{' || text[i] === '[') fail('Found multiple JSON objects in the stream');
      fail('lexical error: invalid char in json text.');
    }
    return { ok: true, value: v };
  } catch (err) {
    if (err instanceof Unrepresentable) return { ok: false, notSimulated: err.message };
    if (err instanceof JsonError) return { ok: false, error: err.message };
    throw err;
  }
}
