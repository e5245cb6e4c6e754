// Ruby (Onigmo) regexps run on JavaScript's engine. oniguruma-to-es translates the Oniguruma
// dialect exactly (strict accuracy) or refuses; before it, this file rewrites what Ruby reads
// differently from Oniguruma: \d \w \s (and their negations) are ASCII-only in Ruby while the
// POSIX brackets and \b stay Unicode, and a name may stand on several groups (Ruby's m[name] is
// the last of them that took part in the match). Named groups inside a repetition keep their
// last iteration's value as in Onigmo (repeated-captures.ts).
import { toRegExpDetails } from 'oniguruma-to-es';
import { catastrophicBacktracking, guardedExec, LONG_LINE } from './regexp-guard';
import { analyseRepeats, optionalAsAlternation, Replayer, type RepeatPlan, type StepMatcher } from './repeated-captures';

export interface RubyRegexpOptions {
  /** /i */
  ignoreCase?: boolean;
  /** Ruby's /m: the dot matches a newline too (^ and $ are line anchors either way). */
  multiline?: boolean;
  /** /x: whitespace and # comments in the pattern are ignored. */
  extended?: boolean;
}

export interface RubyMatch {
  /** UTF-16 offsets of the whole match. */
  readonly index: number;
  readonly end: number;
  /** The named group's text, or undefined when it took no part (Ruby's nil). */
  named(name: string): string | undefined;
}

export interface RubyRegexp {
  readonly source: string;
  /** Why this regexp can backtrack catastrophically (it then runs under a time limit), or undefined. */
  readonly risk: string | undefined;
  readonly options: RubyRegexpOptions;
  /** Named groups in pattern order, each once (Ruby's Regexp#names). */
  readonly names: readonly string[];
  /** The translated JavaScript regexp (shared: use exec(), which resets lastIndex). */
  readonly js: RegExp;
  /** The first match at or after `from` (Ruby's Regexp#match(text, pos)), or null. */
  exec(text: string, from?: number): RubyMatch | null;
  test(text: string): boolean;
}

export type CompiledRegexp =
  | { readonly ok: true; readonly regexp: RubyRegexp }
  /** Ruby refuses the pattern too (RegexpError), with Onigmo's message. */
  | { readonly ok: false; readonly error: string }
  /** Ruby accepts it but it cannot be run here exactly. */
  | { readonly ok: false; readonly notSimulated: string };

/** Onigmo's wording for what oniguruma-to-es (or its parser) rejects as a syntax error. */
const ONIGMO_ERRORS: [RegExp, string][] = [
  [/unmatched.*\)|Unmatched '\)'|unbalanced/i, 'unmatched close parenthesis'],
  [/Unclosed group|unterminated group|end pattern with unmatched parenthesis/i, 'end pattern with unmatched parenthesis'],
  [/quantifier without|nothing to repeat|target of repeat/i, 'target of repeat operator is not specified'],
  [/Unclosed character class|premature end of char-class/i, 'premature end of char-class'],
  [/Incomplete escape|too short escape/i, 'too short escape sequence'],
  [/Character class range out of order|empty range/i, 'empty range in char class'],
  [/min greater than max|upper is smaller/i, 'upper is smaller than lower in repeat range'],
  [/Numbered backref\/subroutine not allowed/i, 'numbered backref/call is not allowed. (use name)'],
  [/Invalid.*group name|invalid group name/i, 'invalid group name'],
  [/Undefined.*backref|invalid backref/i, 'invalid backref number/name'],
];

/** oniguruma-to-es messages that mean "valid Oniguruma, but not reproducible exactly". */
const UNSUPPORTED = /requires non-strict|Unsupported|not supported|Recursion|unsupported/i;

const ASCII_OUTSIDE: Record<string, string> = {
  d: '[0-9]',
  D: '[^0-9]',
  w: '[a-zA-Z0-9_]',
  W: '[^a-zA-Z0-9_]',
  s: '[\\t\\n\\v\\f\\r ]',
  S: '[^\\t\\n\\v\\f\\r ]',
};
const ASCII_INSIDE: Record<string, string> = {
  d: '0-9',
  D: '[^0-9]',
  w: 'a-zA-Z0-9_',
  W: '[^a-zA-Z0-9_]',
  s: '\\t\\n\\v\\f\\r ',
  S: '[^\\t\\n\\v\\f\\r ]',
};

interface Rewritten {
  source: string;
  /** Ruby name → the JavaScript group names standing for it, in pattern order. */
  groups: Map<string, string[]>;
}

/**
 * Rewrites a Ruby pattern for Oniguruma: ASCII classes spelled out, every repeated group name
 * made unique. Escapes, classes (nested too), comments and \Q…\E are stepped over.
 */
export function rewriteForOniguruma(source: string, extended: boolean): Rewritten {
  let out = '';
  let depth = 0; // character class nesting
  const groups = new Map<string, string[]>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) {
        out += c;
        continue;
      }
      const table = depth ? ASCII_INSIDE : ASCII_OUTSIDE;
      if (Object.hasOwn(table, n)) out += table[n];
      else out += c + n;
      i++;
      continue;
    }
    if (depth) {
      if (c === '[') {
        // POSIX bracket [:name:] or a nested class
        const posix = /^\[:\^?[a-z]+:\]/.exec(source.slice(i, i + 16));
        if (posix) {
          out += posix[0];
          i += posix[0].length - 1;
          continue;
        }
        depth++;
        out += c;
        if (source[i + 1] === '^') out += source[++i];
        if (source[i + 1] === ']') out += source[++i];
        continue;
      }
      if (c === ']') depth--;
      out += c;
      continue;
    }
    if (c === '[') {
      depth = 1;
      out += c;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i]; // a leading ] is literal
      continue;
    }
    if (extended && c === '#') {
      const nl = source.indexOf('\n', i);
      const end = nl < 0 ? source.length : nl;
      out += source.slice(i, end);
      i = end - 1;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      if (source[i + 2] === '#') {
        const close = source.indexOf(')', i);
        const end = close < 0 ? source.length : close + 1;
        out += source.slice(i, end);
        i = end - 1;
        continue;
      }
      const m = /^\(\?(?:<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(source.slice(i, i + 200));
      if (m) {
        const name = m[1] ?? m[2];
        const list = groups.get(name) ?? [];
        const js = list.length ? `${name}__${list.length + 1}` : name;
        list.push(js);
        groups.set(name, list);
        out += `(?<${js}>`;
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return { source: out, groups };
}

function onigmoMessage(message: string, source: string): string | undefined {
  for (const [re, ruby] of ONIGMO_ERRORS) if (re.test(message)) return `${ruby}: /${source}/`;
  return undefined;
}

/** ES2025 writes (?i:…) as a modifier group, which Node 20's engine lacks; ES2024 expands it instead. */
const TARGET = (() => {
  try {
    new RegExp('(?i:a)');
    return 'ES2025';
  } catch {
    return 'ES2024';
  }
})();

/** Onigmo refuses a{3,1}; Oniguruma reads it as a possessive a{1,3}. */
function badInterval(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && depth) depth--;
    else if (c === '{' && !depth) {
      const m = /^\{(\d+),(\d+)\}/.exec(source.slice(i, i + 24));
      if (m && Number(m[1]) > Number(m[2])) return true;
    }
  }
  return false;
}

const CACHE = new Map<string, CompiledRegexp>();
const CACHE_MAX = 500;

/** Compiles a Ruby pattern (without slashes); cached by pattern and options. */
export function compileRubyRegexp(source: string, options: RubyRegexpOptions = {}): CompiledRegexp {
  const key = `${options.ignoreCase ? 'i' : ''}${options.multiline ? 'm' : ''}${options.extended ? 'x' : ''}/${source}`;
  const hit = CACHE.get(key);
  if (hit) return hit;
  const r = compileUncached(source, options);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(key, r);
  return r;
}

type Translated = { ok: true; js: RegExp } | { ok: false; error: string } | { ok: false; notSimulated: string };

/** An Oniguruma pattern (already rewritten) as a JavaScript RegExp (global, or sticky for \\G). */
function translate(onig: string, rubySource: string, flags: string, extraFlags = ''): Translated {
  let details: ReturnType<typeof toRegExpDetails>;
  try {
    details = toRegExpDetails(onig, { accuracy: 'strict', target: TARGET, flags });
  } catch (err) {
    const message = (err as Error).message;
    if (UNSUPPORTED.test(message)) return { ok: false, notSimulated: `Ruby regexp construct not reproduced exactly (${message})` };
    const ruby = onigmoMessage(message, rubySource);
    if (ruby) return { ok: false, error: ruby };
    return { ok: false, notSimulated: `regexp not translated (${message})` };
  }
  if (details.options && Object.keys(details.options).some((k) => k !== 'hiddenCaptures' && k !== 'transfers')) {
    return { ok: false, notSimulated: `Ruby regexp construct not reproduced exactly (needs ${Object.keys(details.options).join(', ')})` };
  }
  const transfers = (details.options as { transfers?: [number, number[]][] } | undefined)?.transfers;
  if (transfers?.length) return { ok: false, notSimulated: 'Ruby subexpression calls (\\g<name>) are not reproduced exactly' };
  try {
    // hiddenCaptures/transfers only renumber unnamed helper groups; named groups are read by name
    return {
      ok: true,
      js: new RegExp(details.pattern, details.flags.replace('y', '') + (details.flags.includes('y') ? 'y' : 'g') + extraFlags),
    };
  } catch (err) {
    return { ok: false, notSimulated: `regexp not translated (${(err as Error).message})` };
  }
}

function compileUncached(source: string, options: RubyRegexpOptions): CompiledRegexp {
  if (badInterval(source)) return { ok: false, error: `upper is smaller than lower in repeat range: /${source}/` };
  const extended = options.extended === true;
  const rewritten = rewriteForOniguruma(source, extended);
  const flags = (options.ignoreCase ? 'i' : '') + (options.multiline ? 'm' : '') + (extended ? 'x' : '');
  const plain = translate(optionalAsAlternation(rewritten.source, extended), source, flags);
  if (!plain.ok) return plain;
  const repeats = analyseRepeats(rewritten.source, extended);
  if (repeats.kind === 'unsupported') {
    return {
      ok: false,
      notSimulated: `Ruby regexp construct not reproduced exactly (${repeats.why}: Onigmo keeps such a group's last value)`,
    };
  }
  if (repeats.kind === 'none') return { ok: true, regexp: makeRegexp(source, plain.js, rewritten.groups, options) };
  // the pattern with markers around each repeated group, their offsets read with the d flag
  const marked = translate(optionalAsAlternation(repeats.source, extended), source, flags, 'd');
  if (!marked.ok) return marked;
  const risk = catastrophicBacktracking(source);
  let stepError: Translated | undefined;
  const compileStep = (step: string): StepMatcher => {
    const t = translate(step, source, flags);
    if (!t.ok) {
      stepError = t;
      return () => null;
    }
    // one iteration of a body that cannot backtrack catastrophically, with no lookahead over the
    // rest of the line, runs in-thread even on a long line (the worker would copy the line each step)
    const lookahead = step.includes('(?=');
    const stepRisk = catastrophicBacktracking(step) ?? (lookahead ? risk : undefined);
    return (text, at) => {
      const m = matchAt(t.js, text, at, stepRisk, lookahead);
      return m && { end: m.index + m.length, groups: m.groups };
    };
  };
  const replayers = repeats.plans.map((p) => ({ plan: p, replayer: new Replayer(p, compileStep, extended) }));
  // every step pattern is built once here, so an untranslatable one is known now, not per line
  for (const r of replayers) r.replayer.prepare();
  if (stepError && !stepError.ok) return 'error' in stepError ? { ok: false, notSimulated: stepError.error } : stepError;
  return { ok: true, regexp: makeRegexp(source, marked.js, rewritten.groups, options, replayers) };
}

interface Matched {
  index: number;
  length: number;
  groups: Record<string, string | undefined>;
  starts?: Record<string, number>;
}

/** RegExp#exec from `from`, in the guarded worker when the regexp is risky or the line long. */
function matchAt(js: RegExp, text: string, from: number, risk: string | undefined, guardLong = true): Matched | null {
  if (risk !== undefined || (guardLong && text.length >= LONG_LINE)) {
    const m = guardedExec(js, text, from, REGEXP_TIME_LIMIT_MS);
    return m && { index: m.index, length: m.length, groups: m.groups ?? {}, starts: m.starts ?? undefined };
  }
  js.lastIndex = from;
  const m = js.exec(text);
  if (!m) return null;
  const starts = m.indices?.groups && Object.fromEntries(Object.entries(m.indices.groups).map(([k, v]) => [k, v ? v[0] : -1]));
  return { index: m.index, length: m[0].length, groups: m.groups ?? {}, starts };
}

/** Milliseconds a guarded match may take (see regexp-guard.ts). */
export const REGEXP_TIME_LIMIT_MS = 1000;

function makeRegexp(
  source: string,
  js: RegExp,
  groups: Map<string, string[]>,
  options: RubyRegexpOptions,
  replayers: readonly { plan: RepeatPlan; replayer: Replayer }[] = [],
): RubyRegexp {
  const names = [...groups.keys()];
  const sticky = js.sticky;
  const risk = catastrophicBacktracking(source);
  const exec = (text: string, from = 0): RubyMatch | null => {
    const m = matchAt(js, text, from, risk);
    if (!m) return null;
    let g = m.groups;
    if (replayers.length) {
      g = { ...g };
      for (const { plan, replayer } of replayers) {
        const start = m.starts?.[plan.startMarker] ?? -1;
        if (start < 0) continue; // the repeated group took no part
        const kept = replayer.replay(text, start, m.starts?.[plan.endMarker] ?? -1, REGEXP_TIME_LIMIT_MS);
        for (const name of plan.names) g[name] = kept[name];
      }
    }
    return {
      index: m.index,
      end: m.index + m.length,
      named(name: string): string | undefined {
        const list = groups.get(name);
        if (!list) return undefined;
        // Ruby: the last group of that name that took part in the match
        for (let k = list.length - 1; k >= 0; k--) {
          const v = g[list[k]];
          if (v !== undefined) return v;
        }
        return undefined;
      },
    };
  };
  return {
    source,
    risk,
    options,
    names,
    js,
    exec: sticky ? (text, from = 0) => (from === 0 ? exec(text, 0) : null) : exec,
    test: (text) => exec(text) !== null,
  };
}

/**
 * Fluentd's `regexp` parameter type: `/pattern/opts` (i and m honoured, anything else after
 * the right slash ignored; a right slash more than three characters from the end is an error),
 * or the whole text as a pattern.
 */
export function regexpParam(text: string): CompiledRegexp {
  if (!text.startsWith('/')) return compileRubyRegexp(text);
  const right = text.lastIndexOf('/');
  if (right < text.length - 3) return { ok: false, error: `invalid regexp: missing right slash: ${text}` };
  const opts = text.slice(right + 1);
  return compileRubyRegexp(text.slice(1, right), { ignoreCase: opts.includes('i'), multiline: opts.includes('m') });
}
