// The scanners of scan.ts again, for the common case, with the engine's native
// string search instead of a test per character (on this project's machines a
// JavaScript loop costs some 2-4 ns a character, indexOf a fraction of that). Each
// fast scanner gives the same answer as its rule in scan.ts for every text and
// offset: it takes the fast way only where the line holds none of the characters
// that make the rule subtle (`#`, CR, tab…) and otherwise calls the rule itself.
// test/unit/language/parser/fast-paths.test.ts holds the two equal at every offset of the corpus.
import { isSpaceOrTab, scanTagArgument, scanUnquotedKey, scanUnquotedValue } from './scan';

/**
 * The next offset of one character, for a scan that moves forward: an answer is kept
 * until the scan passes it, so finding every `#` of a text costs one indexOf pass.
 */
export class NextChar {
  /** `found` is the first occurrence at or after `from` (-1: none; -2: not looked yet). */
  private from = 0;
  private found = -2;

  constructor(
    private readonly text: string,
    private readonly ch: string,
  ) {}

  /** Offset of the first occurrence at or after `pos`, or -1. */
  at(pos: number): number {
    if (pos < this.from || (this.found !== -1 && this.found < pos)) {
      this.from = pos;
      this.found = this.text.indexOf(this.ch, pos);
    }
    return this.found;
  }

  /** Whether the character occurs in [from, to). */
  within(from: number, to: number): boolean {
    const i = this.at(from);
    return i >= 0 && i < to;
  }
}

/** The characters the fast scanners look for, in one text. */
export class Finders {
  readonly lf: NextChar;
  readonly cr: NextChar;
  readonly tab: NextChar;
  readonly space: NextChar;
  readonly hash: NextChar;
  readonly gt: NextChar;
  readonly dquote: NextChar;
  readonly backslash: NextChar;

  constructor(readonly text: string) {
    this.lf = new NextChar(text, '\n');
    this.cr = new NextChar(text, '\r');
    this.tab = new NextChar(text, '\t');
    this.space = new NextChar(text, ' ');
    this.hash = new NextChar(text, '#');
    this.gt = new NextChar(text, '>');
    this.dquote = new NextChar(text, '"');
    this.backslash = new NextChar(text, '\\');
  }

  /** Offset of the `\n` ending the line at `pos`, or the text length. */
  lineEnd(pos: number): number {
    const i = this.lf.at(pos);
    return i < 0 ? this.text.length : i;
  }
}

/** scanUnquotedKey: the key ends at the first space or line end, unless a tab or CR comes first. */
export function scanUnquotedKeyFast(f: Finders, pos: number): number {
  const eol = f.lineEnd(pos);
  const sp = f.space.at(pos);
  const end = sp >= 0 && sp < eol ? sp : eol;
  if (f.tab.within(pos, end) || f.cr.within(pos, end)) return scanUnquotedKey(f.text, pos);
  return end;
}

/**
 * scanUnquotedValue: on a line without `#` or CR after `pos` the value is the rest of
 * the line less its trailing blanks.
 */
export function scanUnquotedValueFast(f: Finders, pos: number): number {
  const eol = f.lineEnd(pos);
  if (f.hash.within(pos, eol) || f.cr.within(pos, eol)) return scanUnquotedValue(f.text, pos);
  return trimBlanksBefore(f.text, pos, eol);
}

/**
 * scanTagArgument: when the line's first `>` comes with no `#` or CR before it, the
 * argument is everything up to it less trailing blanks.
 */
export function scanTagArgumentFast(f: Finders, pos: number): number {
  const gt = f.gt.at(pos);
  if (gt < 0 || gt > f.lineEnd(pos) || f.hash.within(pos, gt) || f.cr.within(pos, gt)) return scanTagArgument(f.text, pos);
  return trimBlanksBefore(f.text, pos, gt);
}

/**
 * A double-quoted string at `open` that closes on its line with nothing escaped or
 * embedded: the offset of its closing quote, else -1 (scan it with scanDoubleQuoted).
 */
export function plainDoubleQuotedClose(f: Finders, open: number): number {
  const close = f.dquote.at(open + 1);
  if (close < 0 || close > f.lineEnd(open)) return -1;
  if (f.backslash.within(open + 1, close) || f.hash.within(open + 1, close)) return -1;
  return close;
}

/** `end`, moved back over spaces and tabs but not before `start`. */
function trimBlanksBefore(text: string, start: number, end: number): number {
  while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return end;
}
