// Runs a Ruby regexp (parse.ts) as a Thompson automaton: every input position is visited
// once with the set of states alive there, so a test costs at most input length × pattern
// size steps whatever the pattern — `/(a+)+b/` against thirty-four a's and a '!' is as
// cheap as any other. The answer is the same as Ruby's for a yes/no question (does the
// pattern match somewhere?), which is all a tag test needs. Each test has a step budget on
// top: past it the answer is "too costly" rather than a long wait on a huge input.
import {
  anchoredLiteralPrefix,
  isBoundaryWord,
  parseRubyRegexp,
  type AssertKind,
  type CharTest,
  type RegexpNode,
  UnsupportedRegexp,
} from './parse';

const CHAR = 0;
const SPLIT = 1;
const ASSERT = 2;
const MATCH = 3;

/** States beyond this (a{1000}{1000}…) are refused as too costly to build. */
const MAX_STATES = 20_000;

/** Steps (state visits) one test may take by default: far above any tag × pattern, a few ms of work. */
export const DEFAULT_STEP_BUDGET = 1_000_000;

export interface LinearTest {
  /** true/false, or undefined when the budget ran out first. */
  matched: boolean | undefined;
  /** Steps spent. */
  steps: number;
}

export class LinearRegexp {
  private readonly kind: number[] = [];
  private readonly out1: number[] = [];
  private readonly out2: number[] = [];
  private readonly tests: (CharTest | undefined)[] = [];
  private readonly asserts: (AssertKind | undefined)[] = [];
  private readonly start: number;
  private marks: Int32Array;
  private gen = 0;

  /** What every match starts with, when the pattern is anchored with \\A (for indexing). */
  readonly prefix: string;

  constructor(node: RegexpNode) {
    this.prefix = anchoredLiteralPrefix(node);
    const match = this.state(MATCH);
    this.start = this.compile(node, match);
    this.marks = new Int32Array(this.kind.length);
  }

  get size(): number {
    return this.kind.length;
  }

  private state(kind: number, o1 = -1, o2 = -1, test?: CharTest, assert?: AssertKind): number {
    if (this.kind.length >= MAX_STATES) throw new UnsupportedRegexp(`more than ${MAX_STATES} automaton states`);
    this.kind.push(kind);
    this.out1.push(o1);
    this.out2.push(o2);
    this.tests.push(test);
    this.asserts.push(assert);
    return this.kind.length - 1;
  }

  /** The state that matches `node` and then continues at `next` (built back to front). */
  private compile(node: RegexpNode, next: number): number {
    switch (node.t) {
      case 'empty':
        return next;
      case 'char':
        return this.state(CHAR, next, -1, node.test);
      case 'assert':
        return this.state(ASSERT, next, -1, undefined, node.kind);
      case 'cat': {
        let cur = next;
        for (let i = node.items.length - 1; i >= 0; i--) cur = this.compile(node.items[i], cur);
        return cur;
      }
      case 'alt': {
        const starts = node.items.map((n) => this.compile(n, next));
        let cur = starts[starts.length - 1];
        for (let i = starts.length - 2; i >= 0; i--) cur = this.state(SPLIT, starts[i], cur);
        return cur;
      }
      case 'repeat': {
        let cur = next;
        if (node.max === Infinity) {
          const loop = this.state(SPLIT, -1, next);
          this.out1[loop] = this.compile(node.node, loop);
          cur = loop;
        } else {
          for (let k = node.min; k < node.max; k++) cur = this.state(SPLIT, this.compile(node.node, cur), next);
        }
        for (let k = 0; k < node.min; k++) cur = this.compile(node.node, cur);
        return cur;
      }
    }
  }

  /** Does the pattern match somewhere in `input` (Ruby's `=~` as a yes/no)? */
  test(input: string, maxSteps: number = DEFAULT_STEP_BUDGET): LinearTest {
    const cps: number[] = [];
    for (const ch of input) cps.push(ch.codePointAt(0)!);
    const n = cps.length;
    let steps = 0;
    let matched = false;
    const stack: number[] = [];
    const add = (list: number[], s0: number, pos: number) => {
      stack.push(s0);
      while (stack.length) {
        const s = stack.pop()!;
        if (this.marks[s] === this.gen) continue;
        this.marks[s] = this.gen;
        steps++;
        switch (this.kind[s]) {
          case CHAR:
            list.push(s);
            break;
          case SPLIT:
            stack.push(this.out2[s], this.out1[s]);
            break;
          case ASSERT:
            if (holds(this.asserts[s]!, cps, pos)) stack.push(this.out1[s]);
            break;
          case MATCH:
            matched = true;
            break;
        }
      }
    };
    this.newGeneration();
    let list: number[] = [];
    add(list, this.start, 0);
    for (let pos = 0; pos < n && !matched; pos++) {
      if (steps > maxSteps) return { matched: undefined, steps };
      this.newGeneration();
      const next: number[] = [];
      const c = cps[pos];
      for (const s of list) {
        steps++;
        if (this.tests[s]!(c)) add(next, this.out1[s], pos + 1);
      }
      add(next, this.start, pos + 1); // unanchored: a match may start anywhere
      list = next;
    }
    if (!matched && steps > maxSteps) return { matched: undefined, steps };
    return { matched, steps };
  }

  private newGeneration(): void {
    if (++this.gen === 0x7fffffff) {
      this.marks = new Int32Array(this.kind.length);
      this.gen = 1;
    }
  }
}

function holds(kind: AssertKind, cps: number[], pos: number): boolean {
  const n = cps.length;
  switch (kind) {
    case 'bol':
      // Onigmo: after a newline, but not at the very end of the string
      return pos === 0 || (cps[pos - 1] === 10 && pos < n);
    case 'eol':
      return pos === n || cps[pos] === 10;
    case 'bos':
      return pos === 0;
    case 'eos':
      return pos === n;
    case 'eos-nl':
      return pos === n || (pos === n - 1 && cps[pos] === 10);
    case 'word':
    case 'not-word': {
      const before = pos > 0 && isBoundaryWord(cps[pos - 1]);
      const after = pos < n && isBoundaryWord(cps[pos]);
      return (before !== after) === (kind === 'word');
    }
  }
}

/** A Ruby pattern (no slashes) ready to test; throws UnsupportedRegexp for what an automaton cannot run. */
export function compileLinear(
  source: string,
  options: { ignoreCase?: boolean; multiline?: boolean; extended?: boolean } = {},
): LinearRegexp {
  return new LinearRegexp(parseRubyRegexp(source, options));
}
