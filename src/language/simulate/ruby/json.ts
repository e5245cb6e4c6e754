// JSON the way Ruby's json gem reads and writes it: a number with a fraction or an
// exponent is a Float (kept as RubyFloat, so 1.0 stays 1.0), and JSON.generate writes
// Floats with Float#to_s (1.0e+20) and strings with only the escapes JSON requires.
import { RubyFloat, type RecordValue } from '../types';
import { floatToS } from './format';
import { setOwn } from './hash';

const MAX_NESTING = 100;

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

/** JSON.parse: objects, arrays, strings, Integers (number), Floats (RubyFloat), true/false/nil. */
export function parseRubyJson(text: string): RecordValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${i}`);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  // explicit stacks: a deeply nested document cannot overflow the call stack
  const value = (): RecordValue => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') return container();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('unexpected character');
    i += m[0].length;
    const n = Number(m[0]);
    return m[1] !== undefined || m[2] !== undefined ? new RubyFloat(n) : n;
  };
  const string = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(start, i);
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail('bad escape');
      start = i;
    }
    out += text.slice(start, i);
    i++;
    return out;
  };
  type Frame = { arr: RecordValue[] } | { obj: Record<string, RecordValue>; key: string };
  const container = (): RecordValue => {
    const stack: Frame[] = [];
    const open = (): RecordValue | undefined => {
      // returns a finished value when the container is empty
      const c = text[i++];
      // Ruby's JSON.parse stops at depth 100 too ("nesting of 101 is too deep")
      if (stack.length >= MAX_NESTING) fail(`nesting of ${stack.length + 1} is too deep`);
      ws();
      if (c === '[') {
        if (text[i] === ']') return (i++, []);
        stack.push({ arr: [] });
      } else {
        if (text[i] === '}') return (i++, {});
        stack.push({ obj: {}, key: key() });
      }
      return undefined;
    };
    const key = (): string => {
      ws();
      if (text[i] !== '"') fail('expected a key');
      const k = string();
      ws();
      if (text[i++] !== ':') fail("expected ':'");
      return k;
    };
    let pending = open();
    for (;;) {
      let v: RecordValue;
      if (pending !== undefined) {
        v = pending;
        pending = undefined;
      } else {
        ws();
        if (text[i] === '{' || text[i] === '[') {
          pending = open();
          continue;
        }
        v = value();
      }
      // v completes an element of the top frame (or the whole document)
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) return v;
        if ('arr' in top) top.arr.push(v);
        else setOwn(top.obj, top.key, v);
        ws();
        const c = text[i++];
        if (c === ',') {
          if ('obj' in top) top.key = key();
          break;
        }
        if (('arr' in top && c === ']') || ('obj' in top && c === '}')) {
          stack.pop();
          v = 'arr' in top ? top.arr : top.obj;
          continue;
        }
        fail('expected , or a closing bracket');
      }
    }
  };
  const v = value();
  ws();
  if (i < text.length) fail('unexpected text after the value');
  return v;
}

/** JSON.generate of a record value (Ruby's json: no spaces, Floats as Float#to_s). */
export function generateRubyJson(v: RecordValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? (Number.isSafeInteger(v) ? String(v) : BigInt(v).toString()) : floatToS(v);
  if (v instanceof RubyFloat) return floatToS(v.value);
  if (Array.isArray(v)) return `[${v.map(generateRubyJson).join(',')}]`;
  let out = '{';
  let first = true;
  for (const k of Object.keys(v)) {
    out += `${first ? '' : ','}${JSON.stringify(k)}:${generateRubyJson(v[k])}`;
    first = false;
  }
  return `${out}}`;
}
