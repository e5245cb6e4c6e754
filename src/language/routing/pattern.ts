// Fluentd's <match>/<filter> patterns, read exactly as lib/fluent/match.rb does:
// the argument splits on white space into patterns (any may match); `/…/` is a
// regular expression over the whole tag; otherwise `*` is `[^.]*` (one tag part),
// `**` any run of parts (`a.**` also matches `a`, `**.b` also matches `b`), `{a,b}`
// alternatives, `\` escapes, everything else literal. An empty argument is `**`.
// Each glob becomes both a RegExp (to test one tag) and an automaton (for sets).
import { Lbl, LazyDfa, Nfa } from './automaton';

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
  /** Tests one tag (built on first use); undefined when JavaScript cannot run the pattern (an exotic Ruby regexp). */
  readonly regex?: RegExp;
  /** The automaton (built on first use); undefined for `/regexp/` patterns and the rare globs it cannot model exactly. */
  readonly nfa?: Nfa;
  /** Every tag it matches starts with this (for quick elimination). */
  prefix: string;
  /** A regular expression pattern (`/…/`). */
  isRegexp: boolean;
  /** The one tag it matches, when it has no wildcard (`app.web`). */
  literal?: string;
}

export function splitPatterns(arg: string): string[] {
  const list = arg.trim().split(/\s+/).filter(Boolean);
  return list.length ? list : ['**'];
}

const cache = new Map<string, Pattern>();

export function compilePattern(text: string): Pattern {
  let p = cache.get(text);
  if (!p) {
    p = text.startsWith('/') ? regexpPattern(text) : globPattern(text);
    if (cache.size > 50_000) cache.clear();
    cache.set(text, p);
  }
  return p;
}

function regexpPattern(text: string): Pattern {
  // Fluentd: a pattern starting with '/' must end with '/' ("invalid match - regex")
  if (!text.endsWith('/') || text.length < 2) return { text, prefix: '', isRegexp: true };
  const body = text
    .slice(1, -1)
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\\h/g, '[0-9a-fA-F]');
  let regex: RegExp | undefined;
  try {
    // exactly Fluentd's "\A" + body + "\Z": an alternation at the top level is not grouped
    regex = new RegExp(`^${body}$`);
  } catch {
    regex = undefined;
  }
  return { text, regex, prefix: '', isRegexp: true };
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

type AtStart = 'yes' | 'no' | 'maybe';

/** Thompson construction; undefined where `\A` could hold or not depending on the input (not modelled). */
function build(nfa: Nfa, items: Item[], from: number, atStart: AtStart): { end: number; atStart: AtStart } | undefined {
  let cur = from;
  for (const it of items) {
    if (it.t === 'lit') {
      const s = nfa.state();
      nfa.edge(cur, Lbl.Char, s, it.c);
      cur = s;
      atStart = 'no';
    } else if (it.t === 'star' || it.t === 'any') {
      const s = nfa.state();
      nfa.eps[cur].push(s);
      nfa.edge(s, it.t === 'star' ? Lbl.NoDot : Lbl.Any, s);
      cur = s;
      if (atStart === 'yes') atStart = 'maybe';
    } else if (it.t === 'look') {
      const s = nfa.state();
      nfa.guarded[cur].push(s);
      cur = s;
    } else if (it.t === 'anyDotOrStart') {
      if (atStart === 'maybe') return undefined;
      const loop = nfa.state();
      const end = nfa.state();
      nfa.eps[cur].push(loop);
      nfa.edge(loop, Lbl.Any, loop);
      nfa.edge(loop, Lbl.Char, end, '.');
      if (atStart === 'yes') nfa.eps[cur].push(end);
      cur = end;
      atStart = atStart === 'yes' ? 'maybe' : 'no';
    } else {
      const end = nfa.state();
      const states: AtStart[] = [];
      for (const opt of it.opts) {
        const r = build(nfa, opt, cur, atStart);
        if (!r) return undefined;
        nfa.eps[r.end].push(end);
        states.push(r.atStart);
      }
      cur = end;
      atStart = states.every((x) => x === 'no') ? 'no' : states.every((x) => x === 'yes') ? 'yes' : 'maybe';
    }
  }
  return { end: cur, atStart };
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
  let nfa: Nfa | undefined | null = null;
  let regex: RegExp | undefined;
  return {
    text,
    get regex() {
      return (regex ??= new RegExp(`^${toRegExpSource(items)}$`));
    },
    prefix: literalPrefix(items),
    isRegexp: false,
    literal,
    // most patterns only ever test tags with their RegExp: the automaton waits until a set question needs it
    get nfa() {
      if (nfa === null) {
        const n = new Nfa();
        const r = build(n, items, n.start, 'yes');
        if (r) n.accept[r.end] = true;
        nfa = r ? n : undefined;
      }
      return nfa;
    },
  };
}

const sets = new Map<string, PatternSet>();
const unions = new Map<string, LazyDfa>();
const MAX_CACHED = 50_000;

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
      if (sets.size > MAX_CACHED) sets.clear();
      s = new PatternSet(arg);
      sets.set(arg, s);
    }
    return s;
  }

  /** Every pattern has an automaton (no `/regexp/`). */
  get modelled(): boolean {
    return this.patterns.every((p) => p.nfa);
  }

  /** Whether one tag matches (undefined when a pattern cannot be run here). */
  test(tag: string): boolean | undefined {
    if (this.matchesAll) return true;
    let unknown = false;
    for (const p of this.patterns) {
      if (p.literal !== undefined) {
        if (p.literal === tag) return true;
      } else if (!p.regex) unknown = true;
      else if (p.regex.test(tag)) return true;
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
  let dfa = unions.get(key);
  if (!dfa) {
    if (unions.size > MAX_CACHED) unions.clear();
    dfa = new LazyDfa(Nfa.union(unique.flatMap((s) => s.patterns.map((p) => p.nfa!))));
    unions.set(key, dfa);
  }
  return dfa;
}
