// Fluentd's <match>/<filter> patterns, read exactly as lib/fluent/match.rb does:
// the argument splits on white space into patterns (any may match); `/…/` is a
// regular expression over the whole tag; otherwise `*` is `[^.]*` (one tag part),
// `**` any run of parts (`a.**` also matches `a`, `**.b` also matches `b`), `{a,b}`
// alternatives, `\` escapes, everything else literal. An empty argument is `**`.
// Each glob becomes an automaton, for set questions and to test one tag in linear time;
// a `/regexp/` is tested by the linear Ruby regexp matcher (src/language/regexp). A
// backtracking RegExp would take minutes on `**.**.**.**.**.**.**.b` against an 80-part
// tag, or `/(a+)+b/` against thirty-four a's and a '!'. Every test has a step budget, and
// spends from the routing budget in force (budget.ts): past it the answer is "cannot
// tell", and the budget names the tags a pattern was too costly to test against.
import { BoundedCache } from '../bounded-cache';
import { compileLinear, DEFAULT_STEP_BUDGET, type LinearRegexp, type LinearTest } from '../regexp/linear-match';
import { UnsupportedRegexp } from '../regexp/parse';
import { Lbl, LazyDfa, Nfa, startClosure, step } from './automaton';
import { noteCostly, remaining, spend } from './budget';

type Item =
  | { t: 'lit'; c: string }
  /** `[^.]*` */
  | { t: 'star' }
  /** `.*` */
  | { t: 'any' }
  /** `(?![^.])` */
  | { t: 'look' }
  /** `(?:.*\.|\A)` */
  | { t: 'anyDotOrStart' }
  | { t: 'alt'; opts: Item[][] };

export interface Pattern {
  /** The pattern as written. */
  text: string;
  /**
   * Whether one tag matches, in time linear in tag × pattern and within a step budget;
   * undefined when that cannot be told (a Ruby regexp feature an automaton lacks, a
   * Ruby syntax error, or the budget ran out).
   */
  test(tag: string): boolean | undefined;
  /**
   * A JavaScript RegExp of the pattern (built on first use); undefined when JavaScript cannot
   * run it. It backtracks: never run it on tags from a config, use test().
   */
  readonly regex?: RegExp;
  /** The automaton (built on first use); undefined for `/regexp/` patterns. */
  readonly nfa?: Nfa;
  /** Every tag it matches starts with this (for quick elimination). */
  prefix: string;
  /** Every tag it matches ends with this. */
  suffix: string;
  /** Every tag it matches starts with one of these (`{a,b}.x`: "a" and "b"); [prefix] when there is no such choice. */
  prefixes: readonly string[];
  /** Every tag it matches ends with one of these (`x.{a,b}`: "a" and "b"); [suffix] when there is no such choice. */
  suffixes: readonly string[];
  /** A regular expression pattern (`/…/`). */
  isRegexp: boolean;
  /** The one tag it matches, when it has no wildcard (`app.web`). */
  literal?: string;
}

export function splitPatterns(arg: string): string[] {
  const list = arg.trim().split(/\s+/).filter(Boolean);
  return list.length ? list : ['**'];
}

/** Cap on the patterns kept compiled (with their automata and results), by count. */
const MAX_CACHED = 50_000;
/**
 * And by the characters of their texts: a pattern's automaton grows with its length, so 50,000
 * patterns of 100 KB (a hostile config, or a long-lived server over many) held gigabytes.
 * Real patterns are tens of characters: 2 M characters keep tens of thousands of them.
 */
export const MAX_CACHED_PATTERN_CHARS = 2 * 1024 * 1024;
/** What an entry costs besides its text (the objects and maps of a compiled pattern). */
const ENTRY_CHARS = 64;

const cache = new BoundedCache<string, Pattern>(MAX_CACHED, MAX_CACHED_PATTERN_CHARS, (_, text) => text.length + ENTRY_CHARS);

export function compilePattern(text: string): Pattern {
  let p = cache.get(text);
  if (!p) {
    p = text.startsWith('/') ? regexpPattern(text) : globPattern(text);
    cache.set(text, p);
  }
  return p;
}

function regexpPattern(text: string): Pattern {
  // Fluentd: a pattern starting with '/' must end with '/' ("invalid match - regex")
  if (!text.endsWith('/') || text.length < 2)
    return { text, prefix: '', suffix: '', prefixes: [''], suffixes: [''], isRegexp: true, test: () => undefined };
  const raw = text.slice(1, -1);
  let linear: LinearRegexp | undefined;
  try {
    // exactly Fluentd's Regexp.new("\\A" + body + "\\Z"): an alternation at the top level is not grouped
    linear = compileLinear(`\\A${raw}\\Z`);
  } catch (err) {
    if (!(err instanceof UnsupportedRegexp)) throw err;
  }
  const run = (tag: string, maxSteps: number): LinearTest => (linear ? linear.test(tag, maxSteps) : { matched: undefined, steps: 0 });
  let regex: RegExp | undefined | null = null;
  return {
    text,
    get regex() {
      if (regex === null) {
        const body = raw
          .replace(/\\A/g, '^')
          .replace(/\\[zZ]/g, '$')
          .replace(/\\h/g, '[0-9a-fA-F]');
        try {
          regex = new RegExp(`^${body}$`);
        } catch {
          regex = undefined;
        }
      }
      return regex;
    },
    test: budgeted(text, run),
    // `/app\\..*/` only matches tags starting with "app." (its \\A is Fluentd's)
    prefix: linear?.prefix ?? '',
    suffix: '',
    prefixes: [linear?.prefix ?? ''],
    suffixes: [''],
    isRegexp: true,
  };
}

/** The translation loop of GlobMatchPattern#initialize, building items instead of a regexp string. */
function parseGlob(pat: string): Item[] {
  const stack: Item[][][] = [];
  const regex: Item[][] = [[]];
  let escape = false;
  let dot = false;
  let i = 0;
  const last = () => regex[regex.length - 1];
  while (i < pat.length) {
    const c = pat[i];
    if (escape) {
      last().push({ t: 'lit', c });
      escape = false;
      i++;
      continue;
    } else if (pat.startsWith('**', i)) {
      if (dot) {
        last().push({ t: 'look' });
        dot = false;
      }
      if (pat[i + 2] === '.') {
        last().push({ t: 'anyDotOrStart' });
        i += 3;
      } else {
        last().push({ t: 'any' });
        i += 2;
      }
      continue;
    } else if (dot) {
      last().push({ t: 'lit', c: '.' });
      dot = false;
    }
    if (c === '\\') escape = true;
    else if (c === '.') dot = true;
    else if (c === '*') last().push({ t: 'star' });
    else if (c === '{') {
      stack.push([]);
      regex.push([]);
    } else if (c === '}' && stack.length) {
      stack[stack.length - 1].push(regex.pop()!);
      last().push({ t: 'alt', opts: stack.pop()! });
    } else if (c === ',' && stack.length) {
      stack[stack.length - 1].push(regex.pop()!);
      regex.push([]);
    } else last().push({ t: 'lit', c });
    i++;
  }
  while (stack.length) {
    stack[stack.length - 1].push(regex.pop()!);
    last().push({ t: 'alt', opts: stack.pop()! });
  }
  return regex[0];
}

function toRegExpSource(items: Item[]): string {
  let s = '';
  for (const it of items) {
    if (it.t === 'lit') s += it.c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    else if (it.t === 'star') s += '[^.]*';
    else if (it.t === 'any') s += '.*';
    else if (it.t === 'look') s += '(?![^.])';
    else if (it.t === 'anyDotOrStart') s += '(?:.*\\.|^)';
    else s += `(?:${it.opts.map((o) => `(?:${toRegExpSource(o)})`).join('|')})`;
  }
  return s;
}

/** Thompson construction. `**.` is `(?:.*\.|\A)`: its `\A` is an edge taken only at the start of the tag. */
function build(nfa: Nfa, items: Item[], from: number): number {
  let cur = from;
  for (const it of items) {
    if (it.t === 'lit') {
      const s = nfa.state();
      nfa.edge(cur, Lbl.Char, s, it.c);
      cur = s;
    } else if (it.t === 'star' || it.t === 'any') {
      const s = nfa.state();
      nfa.eps[cur].push(s);
      nfa.edge(s, it.t === 'star' ? Lbl.NoDot : Lbl.Any, s);
      cur = s;
    } else if (it.t === 'look') {
      const s = nfa.state();
      nfa.guarded[cur].push(s);
      cur = s;
    } else if (it.t === 'anyDotOrStart') {
      const loop = nfa.state();
      const end = nfa.state();
      nfa.eps[cur].push(loop);
      nfa.edge(loop, Lbl.Any, loop);
      nfa.edge(loop, Lbl.Char, end, '.');
      nfa.atStart[cur].push(end);
      cur = end;
    } else {
      const end = nfa.state();
      for (const opt of it.opts) nfa.eps[build(nfa, opt, cur)].push(end);
      cur = end;
    }
  }
  return cur;
}

/** One tag through a glob's automaton: the set of states alive after each character. */
function simulate(nfa: Nfa, tag: string, maxSteps: number): LinearTest {
  let configs = startClosure(nfa);
  let steps = configs.length;
  for (let i = 0; i < tag.length; i++) {
    if (steps > maxSteps) return { matched: undefined, steps };
    configs = step(nfa, configs, tag[i]);
    steps += configs.length + 1;
    if (!configs.length) return { matched: false, steps };
  }
  return { matched: configs.some((c) => nfa.accept[c >> 1]), steps };
}

/** More alternative starts than this are not worth telling apart: the common one is used. */
const MAX_ENDS = 16;

/**
 * The literal starts (or, with `reversed` items, ends) a tag of these items can have:
 * literals, and `{…}` alternatives whose options begin (end) with literals.
 */
function literalEnds(items: Item[], reversed = false): string[] {
  let ends = [''];
  for (const it of items) {
    if (it.t === 'lit') {
      ends = ends.map((e) => (reversed ? it.c + e : e + it.c));
      continue;
    }
    if (it.t !== 'alt') break;
    const options = it.opts.flatMap((o) => literalEnds(reversed ? [...o].reverse() : o, reversed));
    const whole = it.opts.every((o) => o.every((x) => x.t === 'lit'));
    const next = ends.flatMap((e) => options.map((o) => (reversed ? o + e : e + o)));
    if (next.length > MAX_ENDS) break;
    ends = next;
    if (!whole) break; // an option with a wildcard: what follows it is not at a fixed place
  }
  return [...new Set(ends)];
}

function literalSuffix(items: Item[]): string {
  let s = '';
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (it.t !== 'lit') break;
    s = it.c + s;
  }
  return s;
}

function literalPrefix(items: Item[]): string {
  let s = '';
  for (const it of items) {
    if (it.t !== 'lit') break;
    s += it.c;
  }
  return s;
}

function globPattern(text: string): Pattern {
  const items = parseGlob(text);
  const literal = items.every((it) => it.t === 'lit') ? literalPrefix(items) : undefined;
  let nfa: Nfa | undefined;
  let regex: RegExp | undefined;
  // built on first use: most patterns of a big config are literal tags, tested by equality
  const automaton = () => {
    if (!nfa) {
      nfa = new Nfa();
      nfa.accept[build(nfa, items, nfa.start)] = true;
    }
    return nfa;
  };
  return {
    text,
    get regex() {
      return (regex ??= new RegExp(`^${toRegExpSource(items)}$`));
    },
    test:
      literal !== undefined ? (tag: string) => tag === literal : budgeted(text, (tag, maxSteps) => simulate(automaton(), tag, maxSteps)),
    prefix: literalPrefix(items),
    suffix: literalSuffix(items),
    prefixes: literalEnds(items),
    suffixes: literalEnds([...items].reverse(), true),
    isRegexp: false,
    literal,
    get nfa() {
      return automaton();
    },
  };
}

/** Results per pattern and tag, with the steps they took (charged again when reused, so budgets do not depend on the cache). */
const MAX_RESULTS_PER_PATTERN = 512;

function budgeted(text: string, run: (tag: string, maxSteps: number) => LinearTest): (tag: string) => boolean | undefined {
  const results = new Map<string, LinearTest>();
  return (tag) => {
    let r = results.get(tag);
    if (!r) {
      const allowed = Math.min(DEFAULT_STEP_BUDGET, remaining());
      r = run(tag, allowed);
      // a test cut short by what was left of a shared budget may finish next time: not kept
      if (r.matched !== undefined || allowed === DEFAULT_STEP_BUDGET) {
        if (results.size >= MAX_RESULTS_PER_PATTERN) results.clear();
        results.set(tag, r);
      }
    }
    const matched = spend(r.steps) ? r.matched : undefined;
    if (matched === undefined && r.steps > 0) noteCostly({ pattern: text, tag });
    return matched;
  };
}
const sets = new BoundedCache<string, PatternSet>(MAX_CACHED, MAX_CACHED_PATTERN_CHARS, (_, arg) => arg.length + ENTRY_CHARS);
/**
 * Unions of the earlier matches of scopes, keyed by their member sets. Each is a copy of its
 * members' automata, and a scope of n matches asks for up to n of them (the earlier rules of
 * each), so the cache is bounded by the NFA states it holds: by count (50,000) it grew to
 * hundreds of MB in a long-lived server (fuzz seed 13: 460 MB of heap after 10,000 configs).
 */
const unions = new Map<string, { dfa: LazyDfa; states: number }>();
/**
 * About 10 MB of automata (with their lazily built DFA states). 100,000 states held 44 MB, half
 * the live heap of a long fuzz run (seed 13, 2,000 inputs: 86 MB after a full GC, 41 MB without
 * the cache), which every major GC marks and which sets how far the heap grows before the next;
 * the routing benches (5k/10k/20k matches) take the same time with 20,000.
 */
const MAX_UNION_STATES = 20_000;
let unionStates = 0;

/** The patterns of one <match>/<filter> argument, with their union automaton built on demand. */
export class PatternSet {
  readonly patterns: Pattern[];
  /** The argument's patterns, normalised (sorted, unique): equal keys match the same tags. */
  readonly key: string;
  /** One of the patterns is `**`: every tag matches. */
  readonly matchesAll: boolean;
  private dfa: LazyDfa | undefined;

  constructor(readonly arg: string) {
    const texts = [...new Set(splitPatterns(arg))].sort();
    this.patterns = texts.map(compilePattern);
    this.key = texts.join(' ');
    this.matchesAll = texts.includes('**');
  }

  /** The shared set for an argument (its automata are built once per process). */
  static of(arg: string): PatternSet {
    let s = sets.get(arg);
    if (!s) {
      s = new PatternSet(arg);
      sets.set(arg, s);
    }
    return s;
  }

  /** Every pattern has an automaton (no `/regexp/`). */
  get modelled(): boolean {
    return this.patterns.every((p) => !p.isRegexp);
  }

  /** Whether one tag matches (undefined when a pattern cannot be run here or was too costly). */
  test(tag: string): boolean | undefined {
    if (this.matchesAll) return true;
    let unknown = false;
    for (const p of this.patterns) {
      const hit = p.test(tag);
      if (hit === true) return true;
      if (hit === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }

  /** The union automaton, determinised lazily (only when every pattern is modelled). */
  get union(): LazyDfa | undefined {
    if (!this.modelled) return undefined;
    return (this.dfa ??= new LazyDfa(Nfa.union(this.patterns.map((p) => p.nfa!))));
  }

  /** Whether some tag with this literal start could match (cheap elimination). */
  mayStartWith(prefix: string): boolean {
    return this.patterns.some((p) => p.isRegexp || p.prefix.startsWith(prefix) || prefix.startsWith(p.prefix));
  }
}

/** Several pattern sets as one union automaton (the earlier matches of a scope), shared by key. */
export function unionOf(list: readonly PatternSet[]): LazyDfa | undefined {
  if (list.some((s) => !s.modelled)) return undefined;
  const all = list.find((s) => s.matchesAll);
  if (all) return all.union;
  const unique = [...new Map(list.map((s) => [s.key, s])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  if (unique.length === 1) return unique[0].union;
  const key = unique.map((s) => s.key).join('\u0000');
  const hit = unions.get(key);
  if (hit) {
    // used again: kept longest (the oldest are evicted first)
    unions.delete(key);
    unions.set(key, hit);
    return hit.dfa;
  }
  const dfa = new LazyDfa(Nfa.union(unique.flatMap((s) => s.patterns.map((p) => p.nfa!))));
  const states = dfa.nfa.edges.length;
  unions.set(key, { dfa, states });
  unionStates += states;
  for (const [k, v] of unions) {
    if (unionStates <= MAX_UNION_STATES || unions.size === 1) break;
    unions.delete(k);
    unionStates -= v.states;
  }
  return dfa;
}

/** NFA states held by the cached unions (for tests: the cache is bounded by size, not count). */
export function cachedUnionStates(): number {
  return unionStates;
}
