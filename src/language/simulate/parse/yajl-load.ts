// Yajl.load as the json parser calls it when the oj gem is absent (Fluentd's fallback, and the
// oracle's setup): not a strict JSON reader. yajl-ruby builds the value from parser events on a
// stack and, once the text is consumed, returns whatever is on top of that stack, even when the
// text stopped in the middle of a value. So `{"a":1,"b":` gives the key "b", `[1,2` gives [1,2],
// and `{"k":"v"} 1` gives 1. The rules below were read off recorded results of real Fluentd
// (test/fixtures/simulate-parse/json-*.jsonl):
// - a value is attached to the value on top of the stack: an Array takes it as an element, a
//   Hash as a key (with nil), a String on top is a pending key whose Hash sits below it;
// - containers are pushed when they open and popped when they close (never the bottom one);
// - a string, true/false/null or a closing bracket that completes a second top-level value
//   raises "multiple JSON objects" (numbers are not counted);
// - at the end, the text is fed one more space (which ends a number still being read); errors
//   of that last step are ignored, errors before it raise.
import { RubyFloat, type RecordValue } from '../types';
import { setOwn } from '../ruby/hash';

export type YajlLoad =
  /**
   * `value` undefined: nil (empty text, or nothing built). `single`: the text was exactly one
   * complete JSON value (whitespace around it, no comments, no lone surrogate), as the oj gem needs.
   */
  | { readonly ok: true; readonly value: RecordValue | undefined; readonly single: boolean }
  /** Yajl raises: the json parser rejects the line. */
  | { readonly ok: false; readonly error: string }
  /** The value holds what JavaScript cannot hold as Ruby does (an integer beyond 2^53, an infinite float, a non-string Hash key). */
  | { readonly ok: false; readonly notSimulated: string };

class Raise extends Error {}
/** Raised by yajl-ruby itself, not by the parser: the last step does not swallow it. */
class MultipleObjects extends Raise {}
class Unrepresentable extends Error {}
/** The text ended inside a token: Yajl waits for more. */
const PENDING = Symbol('pending');

/** Where the grammar is: what the next token may be. */
const enum State {
  /** A value (the top level accepts one value after another). */
  Value,
  MapStart,
  MapKey,
  MapColon,
  MapValue,
  MapAfterValue,
  ArrayStart,
  ArrayValue,
  ArrayAfterValue,
}

type Token = { t: 'value'; v: RecordValue; counts: boolean } | { t: '{' | '}' | '[' | ']' | ':' | ',' } | { t: 'string'; v: string };

/** Deeper values are not followed (each step after parsing would recurse that deep). */
const MAX_DEPTH = 1000;

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function yajlLoad(text: string): YajlLoad {
  const stack: RecordValue[] = [];
  /** Hashes given a key that is not a String (JavaScript objects cannot hold it). */
  const oddKeys = new Set<RecordValue>();
  let hashLevel = 0;
  let arrayLevel = 0;
  let objectsFound = 0;
  const states: State[] = [State.Value];
  let topValues = 0;
  let sawComment = false;
  /** Oj and JSON.parse refuse what Yajl reads as '?'. */
  const seen = { loneSurrogate: false };

  const attach = (v: RecordValue): void => {
    const n = stack.length;
    if (n === 0) {
      stack.push(v);
      return;
    }
    const top = stack[n - 1];
    const container = v !== null && typeof v === 'object' && !(v instanceof RubyFloat);
    if (Array.isArray(top)) {
      top.push(v);
      if (container) stack.push(v);
    } else if (top !== null && typeof top === 'object' && !(top instanceof RubyFloat)) {
      if (typeof v === 'string') {
        if (!Object.hasOwn(top, v)) setOwn(top, v, null);
      } else oddKeys.add(top);
      stack.push(v);
    } else if (typeof top === 'string') {
      // Ruby's ary[-1] when the string is alone: the string itself, not a Hash
      const below = n >= 2 ? stack[n - 2] : top;
      if (below !== null && typeof below === 'object' && !Array.isArray(below) && !(below instanceof RubyFloat)) {
        setOwn(below, top, v);
        stack.pop();
        if (container) stack.push(v);
      }
    }
    // on top of a number, true, false or nil: the value goes nowhere
  };
  const check = (): void => {
    if (stack.length === 1 && hashLevel === 0 && arrayLevel === 0 && ++objectsFound > 1) {
      throw new MultipleObjects(
        'Found multiple JSON objects in the stream but no block or the on_parse_complete callback was assigned to handle them.',
      );
    }
  };
  const close = (isHash: boolean): void => {
    if (isHash) hashLevel--;
    else arrayLevel--;
    if (stack.length > 1) stack.pop();
    check();
  };

  /** The state after a value completes where `states` says. */
  const valueDone = (): void => {
    const s = states[states.length - 1];
    if (s === State.Value && states.length === 1) topValues++;
    else if (s === State.MapValue) states[states.length - 1] = State.MapAfterValue;
    else if (s === State.ArrayStart || s === State.ArrayValue) states[states.length - 1] = State.ArrayAfterValue;
  };

  /** Feeds one token to the grammar and the stack builder. */
  const feed = (tok: Token): void => {
    const s = states[states.length - 1];
    const wantsValue = s === State.Value || s === State.MapValue || s === State.ArrayStart || s === State.ArrayValue;
    switch (tok.t) {
      case '{':
      case '[':
        if (!wantsValue) throw new Raise('parse error: unallowed token');
        if (states.length > MAX_DEPTH) throw new Unrepresentable(`input too deeply nested (over ${MAX_DEPTH} levels of brackets)`);
        attach(tok.t === '{' ? {} : []);
        if (tok.t === '{') hashLevel++;
        else arrayLevel++;
        states.push(tok.t === '{' ? State.MapStart : State.ArrayStart);
        return;
      case '}':
        if (s !== State.MapStart && s !== State.MapAfterValue) throw new Raise('parse error: unallowed token');
        states.pop();
        close(true);
        valueDone();
        return;
      case ']':
        if (s !== State.ArrayStart && s !== State.ArrayAfterValue) throw new Raise('parse error: unallowed token');
        states.pop();
        close(false);
        valueDone();
        return;
      case ':':
        if (s !== State.MapColon) throw new Raise("parse error: object key and value must be separated by a colon (':')");
        states[states.length - 1] = State.MapValue;
        return;
      case ',':
        if (s === State.MapAfterValue) states[states.length - 1] = State.MapKey;
        else if (s === State.ArrayAfterValue) states[states.length - 1] = State.ArrayValue;
        else throw new Raise('parse error: unallowed token');
        return;
      case 'string':
        if (s === State.MapStart || s === State.MapKey) {
          attach(tok.v);
          states[states.length - 1] = State.MapColon;
          return;
        }
        if (!wantsValue) throw new Raise('parse error: unallowed token');
        attach(tok.v);
        check();
        valueDone();
        return;
      case 'value':
        if (!wantsValue) throw new Raise('parse error: unallowed token');
        attach(tok.v);
        if (tok.counts) check();
        valueDone();
        return;
    }
  };

  /** Lexes and feeds from `from`; stops at the end (returns where a pending token starts) or raises. */
  const run = (src: string, from: number): number | undefined => {
    const n = src.length;
    let i = from;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12) {
        i++;
        continue;
      }
      const start = i;
      if (c === 47 /* / */) {
        const d = src[i + 1];
        if (d === undefined) return start;
        if (d === '*') {
          const end = src.indexOf('*/', i + 2);
          if (end < 0) return start;
          sawComment = true;
          i = end + 2;
          continue;
        }
        if (d === '/') {
          const end = src.indexOf('\n', i + 2);
          if (end < 0) return start;
          sawComment = true;
          i = end + 1;
          continue;
        }
        throw new Raise('lexical error: invalid char in json text.');
      }
      if (c === 123 || c === 125 || c === 91 || c === 93 || c === 58 || c === 44) {
        feed({ t: src[i] as '{' });
        i++;
        continue;
      }
      if (c === 34) {
        const r = lexString(src, i, seen);
        if (r === PENDING) return start;
        feed({ t: 'string', v: r.value });
        i = r.end;
        continue;
      }
      if (c === 45 || (c >= 48 && c <= 57)) {
        const r = lexNumber(src, i);
        if (r === PENDING) return start;
        feed({ t: 'value', v: r.value, counts: false });
        i = r.end;
        continue;
      }
      let matched = false;
      for (const [word, v] of LITERALS) {
        let k = 0;
        while (k < word.length && i + k < n && src[i + k] === word[k]) k++;
        if (k === word.length) {
          feed({ t: 'value', v, counts: true });
          i += k;
          matched = true;
          break;
        }
        if (i + k === n && k > 0) return start;
      }
      if (!matched) throw new Raise('lexical error: invalid char in json text.');
    }
    return undefined;
  };

  try {
    const pending = run(text, 0);
    /** The text read to its end: nothing left half-read after the last space. */
    let finished = pending === undefined;
    if (pending !== undefined) {
      // the last space: ends a number; what fails now is not raised
      try {
        finished = run(`${text} `, pending) === undefined;
      } catch (err) {
        if (!(err instanceof Raise) || err instanceof MultipleObjects) throw err;
      }
    }
    const value = stack.length ? stack[stack.length - 1] : undefined;
    if (value !== undefined && oddKeys.size && reaches(value, oddKeys)) {
      return { ok: false, notSimulated: 'Yajl built a Hash with a key that is not a String from this incomplete JSON' };
    }
    const single = finished && topValues === 1 && states.length === 1 && !sawComment && !seen.loneSurrogate;
    return { ok: true, value, single };
  } catch (err) {
    if (err instanceof Unrepresentable) return { ok: false, notSimulated: err.message };
    if (err instanceof Raise) return { ok: false, error: err.message };
    throw err;
  }
}

const LITERALS: [string, RecordValue][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** Whether `v` is, or holds, one of `set`. */
function reaches(v: RecordValue, set: Set<RecordValue>): boolean {
  if (set.has(v)) return true;
  if (Array.isArray(v)) return v.some((x) => reaches(x, set));
  if (v !== null && typeof v === 'object' && !(v instanceof RubyFloat)) return Object.values(v).some((x) => reaches(x, set));
  return false;
}

/** A string token from its opening quote: its value and end, or PENDING when the text ends inside it. */
function lexString(src: string, at: number, seen: { loneSurrogate: boolean }): { value: string; end: number } | typeof PENDING {
  const n = src.length;
  let i = at + 1;
  let out = '';
  let start = i;
  for (;;) {
    if (i >= n) return PENDING;
    const c = src.charCodeAt(i);
    if (c === 34) return { value: out + src.slice(start, i), end: i + 1 };
    if (c < 32) throw new Raise('lexical error: invalid character inside string.');
    if (c !== 92) {
      i++;
      continue;
    }
    out += src.slice(start, i);
    const e = src[i + 1];
    if (e === undefined) return PENDING;
    if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === 'u') {
      const hex = hexAt(src, i + 2);
      if (hex === PENDING) return PENDING;
      let code = hex;
      i += 6;
      if (code >= 0xd800 && code <= 0xdbff) {
        if (src[i] === '\\' && src[i + 1] === 'u') {
          const lo = hexAt(src, i + 2);
          if (lo === PENDING) return PENDING;
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            code = 0x10000 + ((code - 0xd800) << 10) + (lo - 0xdc00);
            i += 6;
          } else code = 0x3f;
        } else if (i >= n || (src[i] === '\\' && i + 1 >= n)) return PENDING;
        else code = 0x3f; // Yajl writes '?' for a lone surrogate
        if (code === 0x3f) seen.loneSurrogate = true;
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        code = 0x3f;
        seen.loneSurrogate = true;
      }
      out += String.fromCodePoint(code);
    } else throw new Raise("lexical error: inside a string, '\\' occurs before a character which it may not.");
    start = i;
  }
}

function hexAt(src: string, i: number): number | typeof PENDING {
  for (let k = 0; k < 4; k++) {
    const ch = src[i + k];
    if (ch === undefined) return PENDING;
    if (!/[0-9a-fA-F]/.test(ch)) throw new Raise("lexical error: invalid (non-hex) character occurs after '\\u' inside string.");
  }
  return parseInt(src.slice(i, i + 4), 16);
}

/** A number token: Yajl reads one character past it, so a number that reaches the end is PENDING. */
function lexNumber(src: string, at: number): { value: RecordValue; end: number } | typeof PENDING {
  const n = src.length;
  let i = at;
  const digit = (k: number): boolean => {
    const c = src.charCodeAt(k);
    return c >= 48 && c <= 57;
  };
  if (src[i] === '-') i++;
  if (i >= n) return PENDING;
  if (src[i] === '0') i++;
  else if (digit(i)) while (i < n && digit(i)) i++;
  else throw new Raise('lexical error: malformed number, a digit is required after the minus sign.');
  let float = false;
  if (i < n && src[i] === '.') {
    float = true;
    i++;
    if (i >= n) return PENDING;
    if (!digit(i)) throw new Raise('lexical error: malformed number, a digit is required after the decimal point.');
    while (i < n && digit(i)) i++;
  }
  if (i < n && (src[i] === 'e' || src[i] === 'E')) {
    float = true;
    i++;
    if (i < n && (src[i] === '+' || src[i] === '-')) i++;
    if (i >= n) return PENDING;
    if (!digit(i)) throw new Raise('lexical error: malformed number, a digit is required after the exponent.');
    while (i < n && digit(i)) i++;
  }
  if (i >= n) return PENDING;
  const text = src.slice(at, i);
  const v = Number(text);
  if (float) {
    if (!Number.isFinite(v)) throw new Unrepresentable(`the float ${text} is Infinity in Ruby, which to_json refuses`);
    return { value: new RubyFloat(v), end: i };
  }
  if (!Number.isSafeInteger(v)) throw new Unrepresentable(`the integer ${text} is beyond 2^53`);
  return { value: v === 0 ? 0 : v, end: i };
}
