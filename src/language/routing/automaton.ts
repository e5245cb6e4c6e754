// Finite automata over tag characters, for questions about *sets* of tags that a
// regular expression test on one tag cannot answer: can any tag of in_tail's
// `kubernetes.var.log.containers.<file>.log` match `kubernetes.*`? Is every tag
// `app.**` matches already taken by earlier matches?
//
// Edges carry a character class: one character, any but '.', or any. Fluentd's
// `(?![^.])` lookahead (from `a.**`) is a guarded epsilon edge: it may be taken only
// if the next character is '.' or the tag ends there. Questions are answered by a
// breadth-first search over the product of one automaton explored as is and lazily
// determinised unions of patterns; the alphabet is reduced to the characters the
// automata name, '.', and one symbol for every other character.

import { spend } from './budget';

export const enum Lbl {
  Char = 0,
  NoDot = 1,
  Any = 2,
}

interface Edge {
  l: Lbl;
  c: string;
  to: number;
}

/** Stands for every character no automaton of a question names. */
export const OTHER = '\u0000';

export class Nfa {
  readonly edges: Edge[][] = [];
  readonly eps: number[][] = [];
  /** Epsilon edges taken only when the next character is '.' or the input ends. */
  readonly guarded: number[][] = [];
  /** Epsilon edges taken only at the start of the input (Fluentd's `\A` in `(?:.*\.|\A)` of `**.`). */
  readonly atStart: number[][] = [];
  readonly accept: boolean[] = [];
  readonly chars = new Set<string>(['.']);
  start = 0;
  /** Closures of single configurations, memoised once the automaton is complete (see closure). */
  readonly closures = new Map<number, number[]>();

  constructor() {
    this.start = this.state();
  }

  state(): number {
    this.edges.push([]);
    this.eps.push([]);
    this.guarded.push([]);
    this.atStart.push([]);
    this.accept.push(false);
    return this.edges.length - 1;
  }

  edge(from: number, l: Lbl, to: number, c = ''): void {
    this.edges[from].push({ l, c, to });
    if (l === Lbl.Char) this.chars.add(c);
  }

  /** One automaton accepting what any of `list` accepts. */
  static union(list: readonly Nfa[]): Nfa {
    const u = new Nfa();
    for (const n of list) {
      const base = u.edges.length;
      for (let s = 0; s < n.edges.length; s++) {
        const t = u.state();
        u.accept[t] = n.accept[s];
      }
      for (let s = 0; s < n.edges.length; s++) {
        for (const e of n.edges[s]) u.edge(base + s, e.l, base + e.to, e.c);
        for (const t of n.eps[s]) u.eps[base + s].push(base + t);
        for (const t of n.guarded[s]) u.guarded[base + s].push(base + t);
        for (const t of n.atStart[s]) u.atStart[base + s].push(base + t);
      }
      u.eps[u.start].push(base + n.start);
    }
    return u;
  }
}

function accepts(l: Lbl, c: string, atom: string): boolean {
  return l === Lbl.Any || (l === Lbl.NoDot ? atom !== '.' : atom === c);
}

/** The closure of one configuration, memoised (automata are not changed once questions are asked). */
function closureOf(nfa: Nfa, cfg: number): number[] {
  let c = nfa.closures.get(cfg);
  if (!c) {
    c = closure(nfa, [cfg]);
    nfa.closures.set(cfg, c);
  }
  return c;
}

/** The closure of the start configuration, where the at-start edges hold. */
export function startClosure(nfa: Nfa): number[] {
  return closure(nfa, [nfa.start * 2], true);
}

/** Configurations are `state * 2 + flag`; flag 1: the next character must be '.' (or the end). */
function closure(nfa: Nfa, configs: Iterable<number>, atStart = false): number[] {
  const seen = new Set<number>();
  const stack = [...configs];
  while (stack.length) {
    const cfg = stack.pop()!;
    if (seen.has(cfg)) continue;
    seen.add(cfg);
    const s = cfg >> 1;
    const flag = cfg & 1;
    for (const t of nfa.eps[s]) stack.push(t * 2 + flag);
    for (const t of nfa.guarded[s]) stack.push(t * 2 + 1);
    if (atStart) for (const t of nfa.atStart[s]) stack.push(t * 2 + flag);
  }
  return [...seen].sort((a, b) => a - b);
}

/** The work of the last step(): edges looked at and configurations added. */
let lastStepWork = 0;

export function step(nfa: Nfa, configs: readonly number[], atom: string): number[] {
  const next = new Set<number>();
  let work = configs.length;
  for (const cfg of configs) {
    if (cfg & 1 && atom !== '.') continue;
    const edges = nfa.edges[cfg >> 1];
    work += edges.length;
    for (const e of edges) {
      if (!accepts(e.l, e.c, atom)) continue;
      const cl = closureOf(nfa, e.to * 2);
      work += cl.length;
      for (const c of cl) next.add(c);
    }
  }
  lastStepWork = work + next.size;
  return [...next].sort((a, b) => a - b);
}

/** A union of patterns, determinised on demand; states are small integers. */
export class LazyDfa {
  private readonly ids = new Map<string, number>();
  private readonly configs: number[][] = [];
  private readonly accepting: boolean[] = [];
  private readonly trans: Map<string, number>[] = [];
  readonly start: number;
  readonly chars: Set<string>;

  constructor(readonly nfa: Nfa) {
    this.chars = nfa.chars;
    this.start = this.intern(startClosure(nfa));
  }

  private intern(configs: number[]): number {
    const key = configs.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.configs.length;
      this.ids.set(key, id);
      this.configs.push(configs);
      this.accepting.push(configs.some((c) => this.nfa.accept[c >> 1]));
      this.trans.push(new Map());
    }
    return id;
  }

  isAccepting(state: number): boolean {
    return this.accepting[state];
  }

  isDead(state: number): boolean {
    return this.configs[state].length === 0;
  }

  next(state: number, atom: string): number {
    const a = this.chars.has(atom) ? atom : OTHER;
    const t = this.trans[state];
    let id = t.get(a);
    if (id === undefined) {
      const next = step(this.nfa, this.configs[state], a);
      // determinising is the work here: charged, the search that asked stops at its next step if that was too much
      spend(lastStepWork + next.length);
      id = this.intern(next);
      t.set(a, id);
    }
    return id;
  }
}

/**
 * A shortest string the automaton accepts, with `filler` wherever any character would do
 * (`app.**` gives "app", `*.log` gives filler + ".log"): a tag every cover of the pattern
 * must match, for a quick "not covered". undefined when nothing is accepted.
 */
export function shortestAccepted(nfa: Nfa, filler: string): string | undefined {
  const from = new Map<number, { prev: number; c: string }>();
  const queue: number[] = [];
  for (const cfg of startClosure(nfa)) {
    if (from.has(cfg)) continue;
    from.set(cfg, { prev: -1, c: '' });
    queue.push(cfg);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const cfg = queue[qi];
    if (nfa.accept[cfg >> 1]) {
      let s = '';
      for (let at = cfg; at !== -1; at = from.get(at)!.prev) s = from.get(at)!.c + s;
      return s;
    }
    for (const e of nfa.edges[cfg >> 1]) {
      const c = e.l === Lbl.Char ? e.c : filler;
      if (cfg & 1 && c !== '.') continue;
      for (const next of closureOf(nfa, e.to * 2)) {
        if (from.has(next)) continue;
        from.set(next, { prev: cfg, c });
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Cap on product states per question; beyond it the answer is "unknown". */
const MAX_PRODUCT_STATES = 50_000;

/**
 * Is there a string `left` accepts that every positive accepts and no negative
 * accepts? undefined when the search grew too large to finish.
 */
export function exists(left: Nfa, positives: readonly LazyDfa[], negatives: readonly LazyDfa[]): boolean | undefined {
  const atoms = new Set<string>(left.chars);
  for (const d of [...positives, ...negatives]) for (const c of d.chars) atoms.add(c);
  atoms.add(OTHER);
  const atomList = [...atoms];
  const dfas = [...positives, ...negatives];
  const np = positives.length;

  const seen = new Set<string>();
  const queue: { cfg: number; ds: number[] }[] = [];
  const push = (cfg: number, ds: number[]) => {
    for (let i = 0; i < np; i++) if (positives[i].isDead(ds[i])) return;
    const key = `${cfg}|${ds.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push({ cfg, ds });
  };
  for (const cfg of startClosure(left))
    push(
      cfg,
      dfas.map((d) => d.start),
    );

  for (let qi = 0; qi < queue.length; qi++) {
    if (seen.size > MAX_PRODUCT_STATES) return undefined;
    // each state looks at every atom through every automaton: that is the work spent
    if (!spend(atomList.length * (dfas.length + 1))) return undefined;
    const { cfg, ds } = queue[qi];
    const s = cfg >> 1;
    if (left.accept[s] && ds.every((d, i) => (i < np ? dfas[i].isAccepting(d) : !dfas[i].isAccepting(d)))) return true;
    for (const e of left.edges[s]) {
      for (const atom of atomList) {
        if (cfg & 1 && atom !== '.') continue;
        if (!accepts(e.l, e.c, atom === OTHER ? OTHER : atom)) continue;
        const nds = ds.map((d, i) => dfas[i].next(d, atom));
        for (const c of closureOf(left, e.to * 2)) push(c, nds);
      }
    }
  }
  return false;
}
