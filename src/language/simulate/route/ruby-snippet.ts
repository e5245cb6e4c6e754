// The small Ruby expressions in `${…}` of record_modifier and of record_transformer with
// enable_ruby, evaluated over one event: `tag`, `time`, `record`, `tag_parts` (and for
// record_transformer `tag_prefix`, `tag_suffix`, `hostname`), literals, indexing
// (`record["k"]`, `tag_parts[-1]`), `||`/`&&`, and a handful of methods (dig, fetch,
// upcase, …). Code outside that is refused when the config is read (not simulated); a
// runtime error Ruby would raise (a method on nil, a missing fetch key, an unknown local)
// is raised as a RubyError.
import { getOwn, hasOwn, isHash } from '../ruby/hash';
import { rubySplit } from '../ruby/format';
import { rubyFloatToS as floatToS } from '../parse/ruby-json';
import { inspect, toS } from './ruby-values';
import { RubyFloat, type EventTime, type RecordValue } from '../types';
import { NotSimulatedError } from './param-types';
import { RubyError } from './router';
import { closingBracket } from '../../includes/static-value';

export class SnippetNotSimulated extends Error {}

/** record_modifier's `time` is an EventTime (prints as its seconds); record_transformer's is a Time (prints as Time#to_s). */
class TimeValue {
  constructor(
    readonly t: EventTime,
    /** Time#to_s, when it is a Ruby Time. */
    readonly text?: string,
  ) {}
}

type Val = RecordValue | TimeValue;

export interface SnippetScope {
  tag: string;
  time: EventTime;
  record: { [k: string]: RecordValue };
  /** record_transformer's extra locals (absent for record_modifier: using them is a NameError). */
  transformer?: { hostname: string; timeText: string };
}

const LOCALS = new Set(['tag', 'time', 'record', 'tag_parts', 'tag_prefix', 'tag_suffix', 'hostname']);

type Node =
  | { t: 'lit'; v: RecordValue }
  | { t: 'var'; name: string }
  | { t: 'index'; target: Node; index: Node }
  | { t: 'call'; target: Node; name: string; args: Node[] }
  | { t: 'or' | 'and'; a: Node; b: Node };

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_]\w*[?!]?)|(\|\||&&|\.|\(|\)|\[|\]|,))/y;

const METHODS = new Set([
  'dig',
  'fetch',
  'key?',
  'has_key?',
  'include?',
  'to_s',
  'to_i',
  'upcase',
  'downcase',
  'capitalize',
  'strip',
  'size',
  'length',
  'first',
  'last',
  'join',
  'split',
  'nil?',
  'empty?',
  'start_with?',
  'end_with?',
]);

export type Snippet = (scope: SnippetScope) => RecordValue;

/** Compiles one expression; throws SnippetNotSimulated for code beyond this evaluator. */
export function compileSnippet(code: string): Snippet {
  const toks: { kind: number; v: string }[] = [];
  let at = 0;
  while (at < code.length && !/^\s*$/.test(code.slice(at))) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(code);
    if (!m) throw new SnippetNotSimulated(code);
    at = TOKEN.lastIndex;
    const kind = [1, 2, 3, 4, 5].find((k) => m[k] !== undefined)!;
    toks.push({ kind, v: m[kind] });
  }
  let i = 0;
  const op = (v: string) => toks[i]?.kind === 5 && toks[i].v === v;
  const expect = (v: string) => {
    if (!op(v)) throw new SnippetNotSimulated(code);
    i++;
  };
  const or = (): Node => {
    let a = and();
    while (op('||')) {
      i++;
      a = { t: 'or', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = postfix();
    while (op('&&')) {
      i++;
      a = { t: 'and', a, b: postfix() };
    }
    return a;
  };
  const postfix = (): Node => {
    let n = primary();
    for (;;) {
      if (op('[')) {
        i++;
        const index = or();
        expect(']');
        n = { t: 'index', target: n, index };
      } else if (op('.')) {
        i++;
        const name = toks[i++];
        if (name?.kind !== 4 || !METHODS.has(name.v)) throw new SnippetNotSimulated(code);
        const args: Node[] = [];
        if (op('(')) {
          i++;
          while (!op(')')) {
            args.push(or());
            if (op(',')) i++;
            else break;
          }
          expect(')');
        }
        n = { t: 'call', target: n, name: name.v, args };
      } else return n;
    }
  };
  const primary = (): Node => {
    const tk = toks[i++];
    if (!tk) throw new SnippetNotSimulated(code);
    if (tk.kind === 1) return { t: 'lit', v: tk.v.slice(1, -1).replace(/\\([\\'])/g, '$1') };
    if (tk.kind === 2) {
      if (/\\|#\{/.test(tk.v.slice(1, -1))) throw new SnippetNotSimulated(code);
      return { t: 'lit', v: tk.v.slice(1, -1) };
    }
    if (tk.kind === 3) return { t: 'lit', v: tk.v.includes('.') ? new RubyFloat(Number(tk.v)) : Number(tk.v) };
    if (tk.kind === 5 && tk.v === '(') {
      const n = or();
      expect(')');
      return n;
    }
    if (tk.kind === 4) {
      if (tk.v === 'nil') return { t: 'lit', v: null };
      if (tk.v === 'true' || tk.v === 'false') return { t: 'lit', v: tk.v === 'true' };
      if (LOCALS.has(tk.v)) return { t: 'var', name: tk.v };
    }
    throw new SnippetNotSimulated(code);
  };
  const tree = or();
  if (i !== toks.length) throw new SnippetNotSimulated(code);
  return (scope) => plain(evaluate(tree, scope));
}

function plain(v: Val): RecordValue {
  if (!(v instanceof TimeValue)) return v;
  return v.text ?? v.t.sec;
}

function evaluate(n: Node, s: SnippetScope): Val {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'var':
      if (n.name === 'tag') return s.tag;
      if (n.name === 'time') return new TimeValue(s.time, s.transformer?.timeText);
      if (n.name === 'record') return s.record;
      if (n.name === 'tag_parts') return rubySplit(s.tag, '.');
      if (!s.transformer) throw new RubyError(`undefined local variable or method \`${n.name}'`);
      if (n.name === 'hostname') return s.transformer.hostname;
      return n.name === 'tag_prefix' ? tagPrefixes(rubySplit(s.tag, '.')) : tagSuffixes(rubySplit(s.tag, '.'));
    case 'or': {
      const a = evaluate(n.a, s);
      return a !== null && a !== false ? a : evaluate(n.b, s);
    }
    case 'and': {
      const a = evaluate(n.a, s);
      return a === null || a === false ? a : evaluate(n.b, s);
    }
    case 'index':
      return index(evaluate(n.target, s), plain(evaluate(n.index, s)));
    case 'call':
      return call(
        evaluate(n.target, s),
        n.name,
        n.args.map((a) => plain(evaluate(a, s))),
      );
  }
}

function className(v: Val): string {
  if (v === null) return 'nil';
  if (v instanceof TimeValue) return 'Fluent::EventTime';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Integer';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof RubyFloat) return 'Float';
  return Array.isArray(v) ? 'Array' : 'Hash';
}

function noMethod(name: string, v: Val): never {
  throw new RubyError(`undefined method \`${name}' for ${className(v)}`);
}

function index(v: Val, k: RecordValue): Val {
  if (Array.isArray(v)) {
    if (typeof k !== 'number') throw new RubyError(`no implicit conversion of ${className(k)} into Integer`);
    const i = k < 0 ? v.length + k : k;
    return i >= 0 && i < v.length ? v[i] : null;
  }
  if (v instanceof TimeValue) return noMethod('[]', v);
  if (isHash(v)) return typeof k === 'string' ? (getOwn(v, k) ?? null) : null;
  if (typeof v === 'string' && typeof k === 'number') {
    const chars = [...v];
    const i = k < 0 ? chars.length + k : k;
    return i >= 0 && i < chars.length ? chars[i] : null;
  }
  return noMethod('[]', v);
}

function call(v: Val, name: string, args: RecordValue[]): Val {
  if (name === 'nil?') return v === null;
  if (name === 'to_s') return v instanceof TimeValue ? (v.text ?? String(v.t.sec)) : v instanceof RubyFloat ? floatToS(v.value) : toS(v);
  if (v instanceof TimeValue) {
    if (name === 'to_i') return v.t.sec;
    return noMethod(name, v);
  }
  if (isHash(v)) {
    if (name === 'dig') return dig(v, args);
    if (name === 'fetch') {
      const k = args[0];
      if (typeof k === 'string' && hasOwn(v, k)) return v[k];
      if (args.length > 1) return args[1];
      throw new RubyError(`key not found: ${inspect(k ?? null)}`);
    }
    if (name === 'key?' || name === 'has_key?' || name === 'include?') return typeof args[0] === 'string' && hasOwn(v, args[0]);
    if (name === 'size' || name === 'length') return Object.keys(v).length;
    if (name === 'empty?') return Object.keys(v).length === 0;
    return noMethod(name, v);
  }
  if (Array.isArray(v)) {
    if (name === 'dig') return dig(v, args);
    if (name === 'first') return v[0] ?? null;
    if (name === 'last') return v[v.length - 1] ?? null;
    if (name === 'size' || name === 'length') return v.length;
    if (name === 'empty?') return v.length === 0;
    if (name === 'join') return v.map((x) => toS(x)).join(typeof args[0] === 'string' ? args[0] : '');
    if (name === 'include?') return v.some((x) => x === args[0]);
    return noMethod(name, v);
  }
  if (typeof v === 'string') {
    switch (name) {
      case 'upcase':
        return v.toUpperCase();
      case 'downcase':
        return v.toLowerCase();
      case 'capitalize': {
        const first = [...v][0] ?? '';
        return first.toUpperCase() + v.slice(first.length).toLowerCase();
      }
      case 'strip':
        return v.replace(/^[\s\0]+|[\s\0]+$/g, '');
      case 'size':
      case 'length':
        return [...v].length;
      case 'empty?':
        return v.length === 0;
      case 'to_i': {
        const m = /^\s*[+-]?\d+/.exec(v.replace(/_/g, ''));
        return m ? Number(m[0]) : 0;
      }
      case 'split':
        if (typeof args[0] === 'string' && args[0] !== ' ' && args[0] !== '')
          return v.split(args[0]).filter((_, i, a) => a.slice(i).some((x) => x !== ''));
        throw new NotSimulatedError('String#split with this separator');
      case 'include?':
        return typeof args[0] === 'string' && v.includes(args[0]);
      case 'start_with?':
        return args.some((a) => typeof a === 'string' && v.startsWith(a));
      case 'end_with?':
        return args.some((a) => typeof a === 'string' && v.endsWith(a));
    }
    return noMethod(name, v);
  }
  if (typeof v === 'number' && name === 'to_i') return v;
  return noMethod(name, v);
}

function dig(v: RecordValue, keys: RecordValue[]): RecordValue {
  let cur: RecordValue = v;
  for (const k of keys) {
    if (cur === null) return null;
    if (Array.isArray(cur) || isHash(cur)) cur = index(cur, k) as RecordValue;
    else throw new RubyError(`${className(cur)} does not have #dig method`);
  }
  return cur;
}

/** `a`, `a.b`, `a.b.c` for the parts a, b, c (record_transformer's tag_prefix). */
export function tagPrefixes(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(i ? `${out[i - 1]}.${parts[i]}` : parts[0]);
  return out;
}

/** `a.b.c`, `b.c`, `c` (record_transformer's tag_suffix). */
export function tagSuffixes(parts: string[]): string[] {
  const out: string[] = new Array<string>(parts.length);
  for (let i = parts.length - 1; i >= 0; i--) out[i] = i === parts.length - 1 ? parts[i] : `${parts[i]}.${out[i + 1]}`;
  return out;
}

/**
 * A template whose `${…}` hold Ruby code: with `typed`, a value that is one placeholder keeps
 * the code's value; otherwise the pieces are interpolated into a string. Literal text matching
 * `unsafe` (quotes and escapes the Ruby string literal around it would read) is not simulated.
 */
export function compileTemplate(value: string, typed: boolean, unsafe: RegExp): Snippet {
  const count = value.split('${').length - 1;
  if (typed && count === 1 && value.startsWith('${') && value.endsWith('}')) return compileSnippet(value.slice(2, -1));
  const parts: (string | Snippet)[] = [];
  let i = 0;
  for (;;) {
    const start = value.indexOf('${', i);
    const literal = value.slice(i, start < 0 ? undefined : start);
    if (unsafe.test(literal)) throw new SnippetNotSimulated(value);
    parts.push(literal);
    if (start < 0) break;
    const end = closingBracket(value, start + 2, '{', '}');
    if (end < 0) throw new SnippetNotSimulated(value);
    parts.push(compileSnippet(value.slice(start + 2, end)));
    i = end + 1;
  }
  return (scope) => parts.map((p) => (typeof p === 'string' ? p : toS(p(scope)))).join('');
}
