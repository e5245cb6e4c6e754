// Ruby (Onigmo) regexp syntax → a small tree for the linear matcher (linear-match.ts):
// literals, `.`, classes (ranges, negation, escapes, POSIX brackets, nesting, `&&`),
// groups (capturing, named, `(?:…)`, options `(?imx-imx)` and `(?i:…)`, comments),
// alternation, greedy and lazy quantifiers, and the anchors ^ $ \A \z \Z \b \B.
// Everything a finite automaton cannot do the same way (backreferences, lookaround,
// atomic groups, possessive quantifiers, subexpression calls, \G \K \R \X, \p{…})
// is refused: the caller then cannot tell, rather than guess.

export type CharTest = (cp: number) => boolean;

export type RegexpNode =
  | { t: 'empty' }
  /** One character; `cp` when it is exactly one code point (a case-sensitive literal). */
  | { t: 'char'; test: CharTest; cp?: number }
  | { t: 'cat'; items: RegexpNode[] }
  | { t: 'alt'; items: RegexpNode[] }
  | { t: 'repeat'; node: RegexpNode; min: number; max: number }
  | { t: 'assert'; kind: AssertKind };

export type AssertKind = 'bol' | 'eol' | 'bos' | 'eos' | 'eos-nl' | 'word' | 'not-word';

/** A pattern this module cannot (or need not) run: a Ruby syntax error, or a feature an automaton lacks. */
export class UnsupportedRegexp extends Error {
  override readonly name = 'UnsupportedRegexp';
}

interface Flags {
  /** Case-insensitive. */
  i: boolean;
  /** Ruby's m: `.` matches a newline. */
  m: boolean;
  /** Extended: white space and # comments between tokens are ignored. */
  x: boolean;
}

/** Ruby's repeat limit (ONIG_MAX_REPEAT_NUM). */
const MAX_REPEAT = 100_000;
/** Groups nested deeper than this are refused (the parser recurses per group). */
const MAX_DEPTH = 200;

const isWordAscii: CharTest = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigitAscii: CharTest = (c) => c >= 48 && c <= 57;
const isSpaceAscii: CharTest = (c) => c === 32 || (c >= 9 && c <= 13);
const isHex: CharTest = (c) => isDigitAscii(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function unicode(re: RegExp): CharTest {
  return (c) => re.test(String.fromCodePoint(c));
}

/** POSIX brackets are Unicode-aware in Ruby (unlike \w \d \s, which are ASCII). */
const POSIX: Record<string, CharTest> = {
  alpha: unicode(/^\p{Alphabetic}$/u),
  digit: unicode(/^\p{Nd}$/u),
  alnum: unicode(/^[\p{Alphabetic}\p{Nd}]$/u),
  upper: unicode(/^\p{Uppercase}$/u),
  lower: unicode(/^\p{Lowercase}$/u),
  space: unicode(/^\p{White_Space}$/u),
  blank: unicode(/^[\p{Zs}\t]$/u),
  xdigit: isHex,
  word: unicode(/^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]$/u),
  punct: unicode(/^[\p{P}$+<=>^`|~]$/u),
  cntrl: unicode(/^\p{Cc}$/u),
  print: unicode(/^[^\p{C}\p{Zl}\p{Zp}]$/u),
  graph: unicode(/^[^\p{C}\p{Z}]$/u),
  ascii: (c) => c < 128,
};

/** What \b looks at: Onigmo's word characters are Unicode ones, though \w is ASCII. */
export const isBoundaryWord: CharTest = unicode(/^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]$/u);

const not =
  (f: CharTest): CharTest =>
  (c) =>
    !f(c);

const SIMPLE_ESCAPES: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, a: 7, e: 27 };

const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigitAscii,
  D: not(isDigitAscii),
  w: isWordAscii,
  W: not(isWordAscii),
  s: isSpaceAscii,
  S: not(isSpaceAscii),
  h: isHex,
  H: not(isHex),
};

function folded(test: CharTest): CharTest {
  return (c) => {
    if (test(c)) return true;
    const s = String.fromCodePoint(c);
    const lo = s.toLowerCase();
    const up = s.toUpperCase();
    return (lo.length <= 2 && test(lo.codePointAt(0)!)) || (up.length <= 2 && test(up.codePointAt(0)!));
  };
}

function literal(cp: number, flags: Flags): RegexpNode {
  if (!flags.i) return { t: 'char', test: (c) => c === cp, cp };
  const fold = String.fromCodePoint(cp).toLowerCase();
  return { t: 'char', test: (c) => c === cp || String.fromCodePoint(c).toLowerCase() === fold };
}

/** Parses a Ruby regexp source (without the slashes); flags as Ruby's `i` and `m` options. Throws UnsupportedRegexp. */
export function parseRubyRegexp(
  source: string,
  options: { ignoreCase?: boolean; multiline?: boolean; extended?: boolean } = {},
): RegexpNode {
  const p = new Parser(Array.from(source));
  const node = p.alternation({ i: !!options.ignoreCase, m: !!options.multiline, x: !!options.extended }, 0);
  if (p.pos < p.s.length) throw new UnsupportedRegexp('unmatched close parenthesis');
  return node;
}

class Parser {
  pos = 0;
  constructor(readonly s: string[]) {}

  private peek(k = 0): string | undefined {
    return this.s[this.pos + k];
  }

  private skipExtended(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c !== undefined && /\s/.test(c)) this.pos++;
      else if (c === '#') {
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** alternatives up to `)` or the end; `(?i)` in the middle applies to the rest of the group. */
  alternation(flags: Flags, depth: number): RegexpNode {
    if (depth > MAX_DEPTH) throw new UnsupportedRegexp('groups nested too deeply');
    const alts: RegexpNode[] = [];
    for (;;) {
      const { node, rest } = this.sequence(flags, depth);
      alts.push(node);
      if (rest) {
        // `a(?i)b|c` is `a(?i:b|c)`: the options' group swallowed the rest
        break;
      }
      if (this.peek() === '|') {
        this.pos++;
        continue;
      }
      break;
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', items: alts };
  }

  private sequence(flags: Flags, depth: number): { node: RegexpNode; rest: boolean } {
    const items: RegexpNode[] = [];
    for (;;) {
      this.skipExtended(flags);
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      // inline options for the rest of the group
      const opts = this.inlineOptions(flags);
      if (opts) {
        items.push(this.alternation(opts, depth + 1));
        return { node: cat(items), rest: true };
      }
      const bare = this.peek() !== '(';
      let atom = this.atom(flags, depth);
      if (atom === undefined) continue; // a comment
      atom = this.quantifiers(atom, flags, bare && atom.t === 'assert');
      items.push(atom);
    }
    return { node: cat(items), rest: false };
  }

  /** `(?imx-imx)` at the cursor: the new flags (cursor moved past it), else undefined. */
  private inlineOptions(flags: Flags): Flags | undefined {
    if (this.peek() !== '(' || this.peek(1) !== '?') return undefined;
    let k = 2;
    let on = true;
    const f = { ...flags };
    for (;;) {
      const c = this.peek(k);
      if (c === ')') break;
      if (c === '-' && on) on = false;
      else if (c === 'i' || c === 'm' || c === 'x') f[c] = on;
      else return undefined;
      k++;
    }
    this.pos += k + 1;
    return f;
  }

  /** Quantifiers after an atom; `anchor`: a bare ^ $ \A…, which Ruby does not let repeat (a group holding one, it does). */
  private quantifiers(atom: RegexpNode, flags: Flags, anchor: boolean): RegexpNode {
    for (;;) {
      this.skipExtended(flags);
      const c = this.peek();
      let min: number;
      let max: number;
      let simple = true;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const q = this.braces();
        if (!q) return atom;
        [min, max] = q.range;
        this.pos += q.len - 1;
        simple = false;
      } else return atom;
      this.pos++;
      const next = this.peek();
      if (next === '?')
        this.pos++; // lazy: the same set of matches
      else if (next === '+' && simple) throw new UnsupportedRegexp('possessive quantifier');
      if (anchor) throw new UnsupportedRegexp('target of repeat operator is invalid');
      atom = { t: 'repeat', node: atom, min, max };
    }
  }

  /** `{n}`, `{n,}`, `{,m}`, `{n,m}` at the cursor, or undefined when `{` is a literal. */
  private braces(): { range: [number, number]; len: number } | undefined {
    let k = 1;
    let a = '';
    let b: string | undefined;
    for (;;) {
      const c = this.peek(k);
      if (c === undefined) return undefined;
      if (c === '}') break;
      if (c === ',' && b === undefined) b = '';
      else if (/[0-9]/.test(c)) {
        if (b === undefined) a += c;
        else b += c;
      } else return undefined;
      k++;
    }
    if (a === '' && (b === undefined || b === '')) return undefined;
    const min = a === '' ? 0 : Number(a);
    const max = b === undefined ? min : b === '' ? Infinity : Number(b);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) throw new UnsupportedRegexp('too big number for repeat range');
    if (max < min) throw new UnsupportedRegexp('upper bound must be greater than lower bound');
    return { range: [min, max], len: k + 1 };
  }

  private atom(flags: Flags, depth: number): RegexpNode | undefined {
    const c = this.s[this.pos++];
    switch (c) {
      case '(':
        return this.group(flags, depth);
      case '[':
        return this.charClass(flags, depth);
      case '.':
        return { t: 'char', test: flags.m ? () => true : (x) => x !== 10 };
      case '^':
        return { t: 'assert', kind: 'bol' };
      case '$':
        return { t: 'assert', kind: 'eol' };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        throw new UnsupportedRegexp('target of repeat operator is not specified');
      default:
        if (c === '{') {
          this.pos--;
          const q = this.braces();
          this.pos++;
          if (q) throw new UnsupportedRegexp('target of repeat operator is not specified');
        }
        return literal(c.codePointAt(0)!, flags);
    }
  }

  private group(flags: Flags, depth: number): RegexpNode | undefined {
    let inner = flags;
    if (this.peek() === '?') {
      const kind = this.peek(1);
      if (kind === '#') {
        while (this.pos < this.s.length && this.s[this.pos] !== ')') this.pos++;
        if (this.pos >= this.s.length) throw new UnsupportedRegexp('end pattern in group');
        this.pos++;
        return undefined;
      }
      if (kind === ':') this.pos += 2;
      else if ((kind === '<' && this.peek(2) !== '=' && this.peek(2) !== '!') || kind === "'") {
        const close = kind === '<' ? '>' : "'";
        let k = 2;
        while (this.peek(k) !== undefined && this.peek(k) !== close) k++;
        if (this.peek(k) === undefined || k === 2) throw new UnsupportedRegexp('invalid group name');
        this.pos += k + 1;
      } else {
        // (?i-m:…) scoped options; anything else ((?=, (?!, (?<=, (?<!, (?>, (?~, (?(…)) an automaton cannot run
        let k = 1;
        let on = true;
        const f = { ...flags };
        for (;;) {
          const o = this.peek(k);
          if (o === ':') break;
          if (o === '-' && on) on = false;
          else if (o === 'i' || o === 'm' || o === 'x') f[o] = on;
          else throw new UnsupportedRegexp(`group (?${kind ?? ''} is not supported`);
          k++;
        }
        this.pos += k + 1;
        inner = f;
      }
    }
    const node = this.alternation(inner, depth + 1);
    if (this.peek() !== ')') throw new UnsupportedRegexp('end pattern with unmatched parenthesis');
    this.pos++;
    return node;
  }

  /** After a backslash outside a class. */
  private escape(flags: Flags): RegexpNode {
    const c = this.s[this.pos++];
    if (c === undefined) throw new UnsupportedRegexp('too short escape sequence');
    switch (c) {
      case 'A':
        return { t: 'assert', kind: 'bos' };
      case 'z':
        return { t: 'assert', kind: 'eos' };
      case 'Z':
        return { t: 'assert', kind: 'eos-nl' };
      case 'b':
        return { t: 'assert', kind: 'word' };
      case 'B':
        return { t: 'assert', kind: 'not-word' };
    }
    const set = CLASS_ESCAPES[c];
    if (set) return { t: 'char', test: set };
    return literal(this.escapedChar(c), flags);
  }

  /** The character an escape stands for (`c` is the character after the backslash, already consumed). */
  private escapedChar(c: string): number {
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
    if (c === 'x') {
      if (this.peek() === '{') return this.codePointInBraces(16);
      let h = '';
      while (h.length < 2 && this.peek() !== undefined && /[0-9a-fA-F]/.test(this.peek()!)) h += this.s[this.pos++];
      if (!h) throw new UnsupportedRegexp('invalid hex escape');
      return parseInt(h, 16);
    }
    if (c === 'u') {
      if (this.peek() === '{') return this.codePointInBraces(16);
      let h = '';
      while (h.length < 4 && this.peek() !== undefined && /[0-9a-fA-F]/.test(this.peek()!)) h += this.s[this.pos++];
      if (h.length !== 4) throw new UnsupportedRegexp('invalid Unicode escape');
      return parseInt(h, 16);
    }
    if (c === '0') {
      let o = '';
      while (o.length < 2 && this.peek() !== undefined && /[0-7]/.test(this.peek()!)) o += this.s[this.pos++];
      return parseInt(o || '0', 8);
    }
    // \1…\9 are backreferences; \101 (more digits, octal, no such group) is a character
    if (/[1-7]/.test(c) && /[0-7]/.test(this.peek() ?? '') && /[0-7]/.test(this.peek(1) ?? '')) {
      const o = c + this.s[this.pos++] + this.s[this.pos++];
      return parseInt(o, 8);
    }
    if (/[1-9kgGKRXpPcCM]/.test(c)) throw new UnsupportedRegexp(`\\${c} is not supported`);
    return c.codePointAt(0)!;
  }

  private codePointInBraces(radix: number): number {
    this.pos++;
    let h = '';
    while (this.peek() !== undefined && this.peek() !== '}') h += this.s[this.pos++];
    if (this.peek() !== '}' || !/^[0-9a-fA-F]{1,6}$/.test(h)) throw new UnsupportedRegexp('invalid code point');
    this.pos++;
    const cp = parseInt(h, radix);
    if (cp > 0x10ffff) throw new UnsupportedRegexp('invalid code point');
    return cp;
  }

  /** After `[`: a class, possibly nested, with `&&` intersections. */
  private charClass(flags: Flags, depth: number): RegexpNode {
    return { t: 'char', test: this.classBody(depth, flags.i) };
  }

  /** `fold`: case-insensitive, applied before a negation (`[^a]` with i matches neither a nor A). */
  private classBody(depth: number, fold: boolean): CharTest {
    if (depth > MAX_DEPTH) throw new UnsupportedRegexp('classes nested too deeply');
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const intersected: CharTest[] = [];
    let parts: CharTest[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new UnsupportedRegexp('premature end of char-class');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '&' && this.peek(1) === '&') {
        this.pos += 2;
        intersected.push(union(parts));
        parts = [];
        continue;
      }
      if (c === '[' && this.peek(1) === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.s.slice(this.pos, this.pos + 12).join(''));
        if (m && POSIX[m[2]]) {
          parts.push(m[1] ? not(POSIX[m[2]]) : POSIX[m[2]]);
          this.pos += m[0].length;
          continue;
        }
      }
      if (c === '[') {
        this.pos++;
        parts.push(this.classBody(depth + 1, fold));
        continue;
      }
      // one character, or a set escape, then maybe a range
      const lo = this.classAtom();
      if (typeof lo !== 'number') {
        parts.push(lo);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.pos++;
        const hi = this.classAtom();
        if (typeof hi !== 'number') throw new UnsupportedRegexp('char-class value at end of range');
        if (hi < lo) throw new UnsupportedRegexp('empty range in char class');
        parts.push((x) => x >= lo && x <= hi);
      } else parts.push((x) => x === lo);
    }
    intersected.push(union(parts));
    let all: CharTest = intersected.length === 1 ? intersected[0] : (x) => intersected.every((f) => f(x));
    if (fold) all = folded(all);
    return negate ? not(all) : all;
  }

  /** One class member: a code point, or a set from an escape (\d, \w…). */
  private classAtom(): number | CharTest {
    const c = this.s[this.pos++];
    if (c !== '\\') return c.codePointAt(0)!;
    const e = this.s[this.pos++];
    if (e === undefined) throw new UnsupportedRegexp('premature end of char-class');
    const set = CLASS_ESCAPES[e];
    if (set) return set;
    if (e === 'b') return 8; // backspace inside a class
    return this.escapedChar(e);
  }
}

function cat(items: RegexpNode[]): RegexpNode {
  if (items.length === 0) return { t: 'empty' };
  return items.length === 1 ? items[0] : { t: 'cat', items };
}

function union(parts: CharTest[]): CharTest {
  if (parts.length === 1) return parts[0];
  return (x) => parts.some((f) => f(x));
}

/**
 * The literal text every match starts with when the pattern is anchored at the start of
 * the string (`\\Aapp\\.web` gives "app.web"); '' when unanchored or not literal.
 */
export function anchoredLiteralPrefix(node: RegexpNode): string {
  if (node.t !== 'cat' || node.items[0]?.t !== 'assert' || node.items[0].kind !== 'bos') return '';
  let out = '';
  for (const it of node.items.slice(1)) {
    if (it.t !== 'char' || it.cp === undefined) break;
    out += String.fromCodePoint(it.cp);
  }
  return out;
}
