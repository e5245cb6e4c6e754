// Named groups inside a repeated group. Onigmo keeps a group's value from the last iteration it
// took part in ("id" in `(?:id=(?<id>\w+)|ip=(?<ip>\w+)| )*` on "id=1 ip=2"); JavaScript clears
// the captures of a quantified group at every iteration, so the translated regexp alone loses
// them. The overall match is the same in both engines (no backreference reads those groups), so
// the iterations are replayed: from where the repeated group started, each step is the first
// alternative of the body for which the rest of the pattern can still match (a lookahead), which
// is the path Onigmo's backtracking takes; each group keeps its last non-nil value.
//
// Handled: such groups that are not inside another repetition, whose enclosing groups are plain
// sequences (no `|` around them, no lookaround, atomic or option group). Anything else with named
// groups under a repetition is reported as not reproduced exactly, never silently different.

import { RegexpTimeout } from './regexp-guard';
import { RubyError } from './ruby-error';

/** Oniguruma-syntax group as read from the (already rewritten) pattern. */
interface GroupNode {
  open: number;
  bodyStart: number;
  /** Index of the closing parenthesis (the pattern's length for the root). */
  close: number;
  kind: 'root' | 'named' | 'plain' | 'noncap' | 'other';
  quant?: Quantifier;
  hasAlt: boolean;
  children: GroupNode[];
  parent?: GroupNode;
}

interface Quantifier {
  min: number;
  max: number;
  lazy: boolean;
  possessive: boolean;
  /** Index just past the quantifier. */
  end: number;
}

/** One repeated group whose named groups need replaying. */
export interface RepeatPlan {
  /** Marker group names inserted before and after the repeated group. */
  readonly startMarker: string;
  readonly endMarker: string;
  readonly quant: Quantifier;
  /** Body with its names, the same body without names, and the rest of the pattern without names. */
  readonly body: string;
  readonly bodyPlain: string;
  readonly rest: string;
  /** Names of the named groups inside the body (the values the replay gives). */
  readonly names: readonly string[];
}

export type RepeatAnalysis =
  | { readonly kind: 'none' }
  | { readonly kind: 'unsupported'; readonly why: string }
  | { readonly kind: 'replay'; readonly source: string; readonly plans: readonly RepeatPlan[] };

const INFINITE = Number.POSITIVE_INFINITY;

function quantifierAt(source: string, i: number): Quantifier | undefined {
  const c = source[i];
  let min: number;
  let max: number;
  let end: number;
  let braces = false;
  if (c === '*' || c === '+' || c === '?') {
    min = c === '+' ? 1 : 0;
    max = c === '?' ? 1 : INFINITE;
    end = i + 1;
  } else if (c === '{') {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(source.slice(i, i + 24));
    if (!m || (m[1] === '' && m[3] === '')) return undefined;
    min = m[1] === '' ? 0 : Number(m[1]);
    max = m[2] === '' ? min : m[3] === '' ? INFINITE : Number(m[3]);
    end = i + m[0].length;
    braces = true;
  } else return undefined;
  const n = source[end];
  // Ruby: {n,m}+ is a repetition of a repetition, not possessive; x*+ x++ x?+ are possessive
  if (n === '?') return { min, max, lazy: true, possessive: false, end: end + 1 };
  if (n === '+' && !braces) return { min, max, lazy: false, possessive: true, end: end + 1 };
  return { min, max, lazy: false, possessive: false, end };
}

/** The group tree of an Oniguruma pattern, or why it could not be read for replaying. */
function groupTree(source: string, extended: boolean): { root: GroupNode; backrefs: boolean; inlineOptions: boolean } {
  const root: GroupNode = { open: -1, bodyStart: 0, close: source.length, kind: 'root', hasAlt: false, children: [] };
  let cur = root;
  let backrefs = false;
  let inlineOptions = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (/[1-9kg]/.test(n)) backrefs = true;
      i++;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      let depth = 1;
      for (; j < source.length && depth; j++) {
        if (source[j] === '\\') j++;
        else if (source.startsWith('[:', j) && /^\[:\^?[a-z]+:\]/.test(source.slice(j, j + 16))) j = source.indexOf(']', j);
        else if (source[j] === '[') depth++;
        else if (source[j] === ']') depth--;
      }
      i = j - 1;
      continue;
    }
    if (extended && c === '#') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl;
      continue;
    }
    if (c === '|') {
      cur.hasAlt = true;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?#', i)) {
        const close = source.indexOf(')', i);
        i = close < 0 ? source.length : close;
        continue;
      }
      const named = /^\(\?(?:<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*')/.exec(source.slice(i, i + 200));
      let kind: GroupNode['kind'];
      let bodyStart: number;
      if (named) {
        kind = 'named';
        bodyStart = i + named[0].length;
      } else if (source.startsWith('(?:', i)) {
        kind = 'noncap';
        bodyStart = i + 3;
      } else if (source[i + 1] !== '?') {
        kind = 'plain';
        bodyStart = i + 1;
      } else {
        kind = 'other';
        if (/^\(\?[imx-]+\)/.test(source.slice(i, i + 12))) inlineOptions = true;
        bodyStart = i + 2;
      }
      const node: GroupNode = { open: i, bodyStart, close: -1, kind, hasAlt: false, children: [], parent: cur };
      cur.children.push(node);
      cur = node;
      continue;
    }
    if (c === ')' && cur.parent) {
      cur.close = i;
      cur.quant = quantifierAt(source, i + 1);
      cur = cur.parent;
    }
  }
  return { root, backrefs, inlineOptions };
}

function namesBelow(source: string, node: GroupNode): string[] {
  return node.children.flatMap((c) => [
    ...(c.kind === 'named' ? [source.slice(c.open + 3, c.bodyStart - 1)] : []),
    ...namesBelow(source, c),
  ]);
}

function hasNamed(node: GroupNode): boolean {
  return node.children.some((c) => c.kind === 'named' || hasNamed(c));
}

const repeats = (n: GroupNode): boolean => n.quant !== undefined && n.quant.max > 1;

/** Named groups below a repetition: which repeated groups to replay, or why it cannot be done. */
export function analyseRepeats(source: string, extended: boolean): RepeatAnalysis {
  const { root, backrefs, inlineOptions } = groupTree(source, extended);
  const targets: GroupNode[] = [];
  let why: string | undefined;
  const visit = (node: GroupNode, underRepeat: boolean): void => {
    for (const child of node.children) {
      if (repeats(child) && hasNamed(child)) {
        if (underRepeat) why ??= 'named groups inside nested repetitions';
        else targets.push(child);
        visit(child, true);
      } else visit(child, underRepeat || repeats(child));
    }
  };
  visit(root, false);
  if (!targets.length) return { kind: 'none' };
  if (why) return { kind: 'unsupported', why };
  if (backrefs) return { kind: 'unsupported', why: 'named groups inside a repetition, with backreferences or subexpression calls' };
  if (inlineOptions) return { kind: 'unsupported', why: 'named groups inside a repetition, with inline options (?i)' };
  for (const t of targets) {
    for (let a = t.parent; a; a = a.parent) {
      if (a.hasAlt) return { kind: 'unsupported', why: 'named groups inside a repetition that is one branch of an alternation' };
      if (a.kind === 'other')
        return { kind: 'unsupported', why: 'named groups inside a repetition inside a lookaround, atomic or option group' };
    }
  }
  // names removed: (?<n> and (?'n' become (?:
  const plain = (from: number, to: number): string => {
    let out = '';
    let at = from;
    const walk = (n: GroupNode): void => {
      for (const c of n.children) {
        if (c.open >= to || c.close < from) continue;
        if (c.kind === 'named' && c.open >= from) {
          out += source.slice(at, c.open) + '(?:';
          at = c.bodyStart;
        }
        walk(c);
      }
    };
    walk(root);
    return out + source.slice(at, to);
  };
  const plans: RepeatPlan[] = [];
  const inserts: [number, string][] = [];
  targets.forEach((t, k) => {
    const quant = t.quant!;
    let rest = '';
    for (let n: GroupNode = t; n.parent; n = n.parent) {
      const from = n.quant?.end ?? n.close + 1;
      rest += plain(from, n.parent.close);
    }
    const plan: RepeatPlan = {
      startMarker: `__rq${k}`,
      endMarker: `__rqe${k}`,
      quant,
      body: source.slice(t.bodyStart, t.close),
      bodyPlain: plain(t.bodyStart, t.close),
      rest,
      names: namesBelow(source, t),
    };
    plans.push(plan);
    inserts.push([t.open, `(?<${plan.startMarker}>)`], [quant.end, `(?<${plan.endMarker}>)`]);
  });
  inserts.sort((a, b) => b[0] - a[0]);
  let marked = source;
  for (const [at, text] of inserts) marked = marked.slice(0, at) + text + marked.slice(at);
  return { kind: 'replay', source: marked, plans };
}

/**
 * `(G)?` where G holds named groups and can match empty: Onigmo takes G (its groups capture ""),
 * JavaScript refuses an empty optional iteration (they stay undefined). `(?:(G)|)` (lazy:
 * `(?:|(G))`) takes the same path in Onigmo and captures the same in both.
 */
export function optionalAsAlternation(source: string, extended: boolean): string {
  const { root } = groupTree(source, extended);
  const edits: [number, number, string][] = [];
  const visit = (node: GroupNode): void => {
    for (const c of node.children) {
      const q = c.quant;
      if (q && q.min === 0 && q.max === 1 && !q.possessive && (c.kind === 'named' || hasNamed(c))) {
        edits.push([c.open, c.open, q.lazy ? '(?:|' : '(?:'], [c.close + 1, q.end, q.lazy ? ')' : '|)']);
      }
      visit(c);
    }
  };
  visit(root);
  edits.sort((a, b) => b[0] - a[0]);
  let out = source;
  for (const [from, to, text] of edits) out = out.slice(0, from) + text + out.slice(to);
  return out;
}

/** A sticky matcher at a position: its end and named groups, or null. */
export type StepMatcher = (text: string, at: number) => { end: number; groups: Record<string, string | undefined> } | null;

/** Compiles an Oniguruma pattern (already rewritten) that must match exactly at a position (\G). */
export type StepCompiler = (source: string) => StepMatcher;

/** Step patterns of one plan, built on first use per (iterations left) state. */
export class Replayer {
  private readonly steps = new Map<string, StepMatcher>();

  constructor(
    private readonly plan: RepeatPlan,
    private readonly compile: StepCompiler,
    private readonly extended: boolean,
  ) {}

  private step(key: string, source: () => string): StepMatcher {
    let s = this.steps.get(key);
    if (!s) {
      s = this.compile(source());
      this.steps.set(key, s);
    }
    return s;
  }

  private wrap(text: string): string {
    return this.extended ? `${text}\n` : text;
  }

  /** `\G B (?= B{lo,hi} rest)`: the next iteration when `done` have been taken. */
  private iteration(done: number): StepMatcher {
    const { quant, body, bodyPlain, rest } = this.plan;
    if (quant.possessive) return this.step('p', () => `\\G(?:${this.wrap(optionalAsAlternation(body, this.extended))})`);
    const lo = Math.max(0, quant.min - done - 1);
    const hi = quant.max - done - 1;
    const key = `${lo},${hi}`;
    return this.step(key, () => {
      // nothing after the repetition and no more iterations needed: the rest always matches (and
      // leaving the lookahead out keeps a long line linear)
      if (lo === 0 && rest === '') return `\\G(?:${this.wrap(optionalAsAlternation(body, this.extended))})`;
      const more = hi === 0 ? '' : `(?:${this.wrap(bodyPlain)}){${lo},${hi === INFINITE ? '' : hi}}`;
      return `\\G(?:${this.wrap(optionalAsAlternation(body, this.extended))})(?=${more}${this.wrap(rest)})`;
    });
  }

  /** Whether the rest of the pattern matches here (a lazy repetition stops as soon as it does). */
  private restHere(): StepMatcher {
    return this.step('r', () => `\\G(?=${this.wrap(this.plan.rest)})`);
  }

  /** Builds the first step patterns (the others differ only in their counts). */
  prepare(): void {
    this.iteration(0);
    if (this.plan.quant.lazy) this.restHere();
  }

  /**
   * The named groups' values Onigmo keeps, replaying from `start`; `end` is where the repetition
   * ended in the whole match (a replay that ends elsewhere is an error of this reproduction).
   */
  replay(text: string, start: number, end: number, budgetMs: number): Record<string, string> {
    const kept: Record<string, string> = {};
    const { quant } = this.plan;
    const deadline = performance.now() + budgetMs;
    let at = start;
    for (let done = 0; done < quant.max; done++) {
      if (performance.now() > deadline) {
        throw new RegexpTimeout(
          `replaying a repeated group took longer than ${budgetMs} ms on this line of ${text.length} characters and was stopped`,
        );
      }
      if (quant.lazy && done >= quant.min && this.restHere()(text, at)) break;
      const m = this.iteration(done)(text, at);
      if (!m) break;
      for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) kept[k] = v;
      if (m.end === at) break;
      at = m.end;
    }
    if (at !== end) {
      throw new RubyError(
        'not-simulated',
        `Ruby regexp: the iterations of a repeated group holding named groups were not reproduced (ended at ${at}, not ${end})`,
      );
    }
    return kept;
  }
}
