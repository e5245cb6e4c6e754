// Error-tolerant parser for Fluentd v1 configuration. It follows the grammar of
// Fluentd's V1Parser rule for rule, but where Fluentd stops at the first error this
// reports it and recovers (usually at the next line), so every error in a file is
// listed. Elements are kept on an explicit stack: no recursion, so arbitrarily deep
// nesting cannot overflow the call stack.
//
// reparse() parses a new version of a text from the last top-level node before the edit
// and stops as soon as it stands where the previous parse stood at a top-level node after
// the edit: from there on the previous nodes, comments and findings are taken over,
// moved by the edit's length. The result is the parse of the new text (the differential
// test in test/unit/language/parser/incremental.test.ts holds the two equal).
import { moveLines, type Diagnostic, type Severity } from '../types';
import type { ConfigDocument, Node, Value } from './ast';
import { LineIndex } from './line-index';
import {
  EMBEDDED_BUDGET,
  newEmbeddedBudget,
  scanDoubleQuoted,
  scanJson,
  scanSingleQuoted,
  type EmbeddedSpan,
  type LiteralError,
} from './literals';
import { CH, endOfLine, isNameChar, isSpaceOrTab, isWhite, matchLineEnd, nextLineStart, skipSpacing, skipWhite, trimWhite } from './scan';
import { Finders, plainDoubleQuotedClose, scanTagArgumentFast, scanUnquotedKeyFast, scanUnquotedValueFast } from './fast-scan';
import { SyncPoints } from './sync-points';
import { DocumentImpl, ElementImpl, EmbeddedImpl, IncludeImpl, ParamImpl, shiftTree, ValueImpl } from './nodes';

export interface ParseResult {
  document: ConfigDocument;
  /** Syntax diagnostics, in source order. */
  diagnostics: Diagnostic[];
  lineIndex: LineIndex;
}

/** Reserved parameters Fluentd accepts with the `@` prefix. */
const RESERVED = ['@type', '@id', '@label', '@log_level'];
export const RESERVED_PARAMS: ReadonlySet<string> = new Set(RESERVED);
/** Shared empty list for unquoted scans (read-only: no embedded code). */
const NONE: readonly EmbeddedSpan[] = [];
/**
 * A double-quoted string on one line with no escape, as scanDoubleQuoted reads it when its
 * `#{…}` code holds no braces, double quotes, backquotes, comments or escapes, only
 * single-quoted strings without them: its text is what stands between the quotes, and each
 * `#{` closes at the next `}`. Written as runs of character classes between the rarer
 * characters (`#`, `'`) so that matching is linear and fast (see the fast-path tests).
 */
const PLAIN_DOUBLE_QUOTED = /"[^"\\#\n\r]*(?:#(?:(?!\{)|\{[^{}"'`#\\\n\r]*(?:'[^'{}#\\\n\r]*'[^{}"'`#\\\n\r]*)*\})[^"\\#\n\r]*)*"/y;
/** Directives in which any other `@key` is a parse error (elsewhere Fluentd only warns). */
const STRICT_PREFIX_ELEMENTS = new Set(['match', 'source', 'filter', 'system']);

export interface ParseOptions {
  /**
   * Read every line by the general rules, without the fast path for plain `key value`
   * lines. The result is the same; the differential test compares the two.
   */
  generalOnly?: boolean;
}

export function parse(text: string, options?: ParseOptions): ParseResult {
  return new Parser(text, options?.generalOnly === true).run();
}

/**
 * What reparse needs of a parse: its sync points (where the parser stood at the top of its
 * loop with no element open; from such a point on, the parse depends on nothing but the text
 * after it) and its findings in the order reported.
 */
interface Resumable {
  syncs: SyncPoints;
  reports: Diagnostic[];
}

// a WeakMap, not a Memo (../memo.ts): one entry per parse is no work for the garbage collector,
// and a property added to every fresh parse result cost the parse about 2%
const RESUMABLE = new WeakMap<ParseResult, Resumable>();

/** The parse a reparse takes over after the edit, and how far the edit moved it. */
interface Continuation {
  previous: ParseResult;
  state: Resumable;
  /** Characters and lines the text after the edit moved by. */
  delta: number;
  lineDelta: number;
  /** End of the edit in the new text. */
  editEnd: number;
}

/**
 * The parse of `text`, a new version of the text `previous` parsed, reusing what the edit
 * did not touch. `previous` is consumed: its nodes after the edit and its LineIndex move
 * to the new version, so it must not be read any more (the language service keeps one
 * parse per document and hands out only the newest).
 */
export function reparse(previous: ParseResult, text: string): ParseResult {
  const state = RESUMABLE.get(previous);
  const old = previous.lineIndex.text;
  if (!state) return parse(text);
  if (old === text) return previous;
  // the edit: [start, oldEnd) of the old text became [start, newEnd) of the new one
  const start = commonPrefix(old, text, Math.min(old.length, text.length));
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - start);
  const oldEnd = old.length - tail;
  const newEnd = text.length - tail;
  const oldLines = previous.lineIndex.lineCount;
  const idx = previous.lineIndex;
  idx.edit(text, start, oldEnd, newEnd);
  // resume at the last top-level node the parse reached having read nothing the edit changed
  let i = state.syncs.length;
  while (i > 0 && state.syncs.read(i - 1) > start) i--;
  const parser = new Parser(text, false, idx, {
    previous,
    state,
    delta: text.length - old.length,
    lineDelta: idx.lineCount - oldLines,
    editEnd: newEnd,
  });
  if (i > 0) parser.resumeAt(previous, state, i - 1);
  return parser.run();
}

class Parser {
  private pos = 0;
  private readonly n: number;
  private readonly idx: LineIndex;
  private readonly diagnostics: Diagnostic[] = [];
  /** Each comment's start and end offsets (the document makes its Comment nodes when asked). */
  private readonly comments: number[] = [];
  private readonly root: Node[] = [];
  /** Open elements, innermost last. */
  private readonly stack: ElementImpl[] = [];
  /** Shared by every double-quoted string of this parse (see EmbeddedBudget). */
  private readonly embeddedBudget = newEmbeddedBudget();
  /** Where the next line end, `#`, `>`… are, for the fast scanners. */
  private readonly find: Finders;
  private readonly syncs = new SyncPoints();
  /** Past the furthest character looked at so far (a start tag's recovery, an unclosed string look ahead). */
  private readTo = 0;
  /** The `#{…}` spans of the string read last (by scanQuoted or unquoted). */
  private lastEmbedded: readonly EmbeddedSpan[] = NONE;
  private readonly onComment = (start: number, end: number): void => {
    this.comments.push(start, end);
  };

  /** Set while the previous parse can still be taken over (a reparse that has not met it yet). */
  private continuation: Continuation | undefined;
  /** A reparse starts after the unchanged beginning: no byte order mark to report again. */
  private resumed = false;

  constructor(
    private readonly text: string,
    private readonly generalOnly = false,
    idx?: LineIndex,
    continuation?: Continuation,
  ) {
    this.n = text.length;
    this.idx = idx ?? new LineIndex(text);
    this.find = new Finders(text);
    this.continuation = continuation;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1; // byte order mark
  }

  /** Starts at sync point `k` of the previous parse, with everything before it taken over unchanged. */
  resumeAt(previous: ParseResult, state: Resumable, k: number): void {
    const { syncs } = state;
    this.resumed = true;
    this.pos = syncs.pos(k);
    this.readTo = syncs.read(k);
    const { children, commentSpans } = previous.document as DocumentImpl;
    for (let j = 0; j < syncs.root(k); j++) this.root.push(children[j]);
    for (let j = 0; j < 2 * syncs.comments(k); j++) this.comments.push(commentSpans[j]);
    for (let j = 0; j < syncs.reports(k); j++) this.diagnostics.push(state.reports[j]);
    this.syncs.appendMoved(syncs, 0, k);
  }

  /**
   * At a top-level node after the edit, on a line the edit did not touch, where the previous
   * parse stood at one too: the rest is the previous parse's, moved. Returns whether it was.
   */
  private takeOver(c: Continuation): boolean {
    const { pos, idx } = this;
    // the line must start after the edit (its line break unchanged): then it is the same line, moved
    if (pos < c.editEnd || idx.lineStart(idx.positionAt(pos).line) <= c.editEnd) return false;
    // the previous parse read what follows with an unspent budget for `#{` searches
    if (this.embeddedBudget.left !== EMBEDDED_BUDGET) return false;
    const syncs = c.state.syncs;
    const at = syncs.firstAtOrAfter(pos - c.delta);
    if (at >= syncs.length || syncs.pos(at) !== pos - c.delta) return false;
    const { children, commentSpans } = c.previous.document as DocumentImpl;
    const root = this.root.length - syncs.root(at);
    const comment = (this.comments.length >> 1) - syncs.comments(at);
    const report = this.diagnostics.length - syncs.reports(at);
    for (let j = syncs.root(at); j < children.length; j++) {
      shiftTree(children[j], c.delta);
      this.root.push(children[j]);
    }
    for (let j = 2 * syncs.comments(at); j < commentSpans.length; j++) this.comments.push(commentSpans[j] + c.delta);
    const reports = c.state.reports;
    for (let j = syncs.reports(at); j < reports.length; j++) this.diagnostics.push(moveLines(reports[j], c.lineDelta));
    // what the new text before `pos` made the parse read counts too (an unclosed string reads to the end)
    this.syncs.appendMoved(syncs, at, syncs.length, c.delta, this.readTo, root, comment, report);
    return true;
  }

  run(): ParseResult {
    const { text } = this;
    if (this.pos === 1 && !this.resumed) this.byteOrderMark();
    while (true) {
      this.pos = skipSpacing(text, this.pos, this.onComment);
      if (this.pos >= this.n) break;
      if (this.pos >= this.readTo) this.readTo = this.pos + 1;
      if (this.stack.length === 0) {
        if (this.continuation && this.takeOver(this.continuation)) return this.result();
        this.syncs.add(this.pos, this.readTo, this.root.length, this.comments.length >> 1, this.diagnostics.length);
      }
      const c = text.charCodeAt(this.pos);
      if (c === CH.lt && text.charCodeAt(this.pos + 1) === CH.slash) this.endTag();
      else if (c === CH.lt) this.startTag();
      else if (this.stack.length === 0 && this.atRootInclude()) this.include();
      else this.param();
    }
    while (this.stack.length) this.closeUnclosed(this.stack.pop()!);
    return this.result();
  }

  private result(): ParseResult {
    const result: ParseResult = {
      document: new DocumentImpl(this.idx, this.root, this.comments),
      diagnostics: this.diagnostics
        .slice()
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
      lineIndex: this.idx,
    };
    // a spent budget for `#{` searches makes later strings read differently: no takeover then
    if (this.embeddedBudget.left === EMBEDDED_BUDGET) RESUMABLE.set(result, { syncs: this.syncs, reports: this.diagnostics });
    return result;
  }

  /**
   * Fluentd reads the file as plain UTF-8 and does not skip a BOM: it becomes part of
   * the first line, so a start tag there turns into a parameter and fails, while a
   * comment or blank first line is harmless. A warning, with a fixed message, so the
   * formatter's same-parse check holds however the first line changes.
   */
  private byteOrderMark(): void {
    this.report(
      0,
      1,
      'warning',
      'byte-order-mark',
      'This file starts with a byte order mark (BOM): Fluentd does not skip it but reads it as part of the first line, which breaks a start tag there. Save the file as UTF-8 without BOM.',
    );
  }

  // ---- elements -------------------------------------------------------------

  private startTag(): void {
    const { text } = this;
    const tagStart = this.pos;
    let p = tagStart + 1;
    const nameStart = p;
    while (p < this.n && isNameChar(text.charCodeAt(p))) p++;
    const nameEnd = p;
    const name = text.slice(nameStart, nameEnd);
    if (!name) {
      this.report(tagStart, tagStart + 1, 'error', 'missing-element-name', "Expected an element name after '<' (letters, digits and '_').");
    }
    // Fluentd skips spacing (comments included, across lines) before the argument
    p = skipSpacing(text, p);
    const argStart = p;
    // scan_string: a quoted argument is read as a string (`<match "a b">` has `a b`)
    this.pos = p;
    const quoted = this.atQuote();
    const litText = quoted ? this.scanQuoted() : this.unquoted(scanTagArgumentFast(this.find, p));
    const argEnd = this.pos;
    p = skipSpacing(text, argEnd);
    this.looked(p);
    let tagEnd: number;
    let arg = quoted ? litText : trimWhite(litText);
    if (p < this.n && text.charCodeAt(p) === CH.gt) {
      tagEnd = p + 1;
      this.pos = tagEnd;
      this.expectLineEnd('start tag', name, false);
    } else {
      // recover: the tag is everything up to the end of its first line
      const eol = endOfLine(text, tagStart);
      this.looked(eol);
      tagEnd = eol;
      if (!quoted) arg = argStart < eol ? trimWhite(text.slice(argStart, Math.min(argEnd, eol))) : '';
      this.report(tagStart, eol, 'error', 'expected-gt', `Expected '>' to close the start tag <${name}${arg ? ' ' + arg : ''}.`);
      this.pos = eol;
    }
    // an unquoted argument read from argStart: it starts there unless trimming changed it
    const argStartTrimmed = quoted || arg === litText ? argStart : arg ? text.indexOf(arg, argStart) : -1;
    const argRangeEnd = quoted ? argEnd : argStartTrimmed + arg.length;
    const hasArg = (arg || quoted) && argStartTrimmed >= 0;
    const element = new ElementImpl(
      this.idx,
      name,
      arg,
      tagStart,
      tagEnd,
      hasArg ? argStartTrimmed : -1,
      hasArg ? argRangeEnd : -1,
      this.current(),
    );
    this.addChild(element);
    this.stack.push(element);
  }

  private endTag(): void {
    const { text } = this;
    const tagStart = this.pos;
    let p = tagStart + 2;
    const nameStart = p;
    // nearly always the innermost open element's name: take its string rather than a new copy
    const open = this.current();
    let name: string;
    if (open && text.startsWith(open.name, nameStart) && !isNameChar(text.charCodeAt(nameStart + open.name.length))) {
      name = open.name;
      p = nameStart + name.length;
    } else {
      while (p < this.n && isNameChar(text.charCodeAt(p))) p++;
      name = text.slice(nameStart, p);
    }
    p = skipSpacing(text, p);
    this.looked(p);
    let tagEnd: number;
    if (p < this.n && text.charCodeAt(p) === CH.gt) {
      tagEnd = p + 1;
      this.pos = tagEnd;
      this.expectLineEnd('end tag', name, false);
    } else {
      const eol = endOfLine(text, tagStart);
      this.looked(eol);
      const gt = text.lastIndexOf('>', eol);
      tagEnd = gt > tagStart ? gt + 1 : eol;
      this.report(
        tagStart,
        tagEnd,
        'error',
        'bad-end-tag',
        `Malformed end tag: expected '>' after </${name}> (element names are letters, digits and '_').`,
      );
      this.pos = eol;
    }
    this.closeElement(name, tagStart, tagEnd);
  }

  /** Closes the innermost open element named `name`; reports what stays unclosed. */
  private closeElement(name: string, tagStart: number, tagEnd: number): void {
    let i = this.stack.length - 1;
    while (i >= 0 && this.stack[i].name !== name) i--;
    if (i < 0) {
      const open = this.current();
      this.report(
        tagStart,
        tagEnd,
        'error',
        'unmatched-end-tag',
        open
          ? `</${name}> does not match the open element <${open.name}> (Fluentd: unmatched end tag).`
          : `</${name}> closes nothing: no <${name}> is open (Fluentd: unmatched end tag).`,
      );
      return;
    }
    while (this.stack.length - 1 > i) this.closeUnclosed(this.stack.pop()!);
    const element = this.stack.pop()!;
    element.closeStart = tagStart;
    element.closeEnd = tagEnd;
    element.end = tagEnd;
  }

  private closeUnclosed(element: ElementImpl): void {
    const last = element.children[element.children.length - 1];
    if (last) element.end = last.end;
    this.diagnostics.push({
      range: element.openRange,
      severity: 'error',
      code: 'unclosed-element',
      message: `<${element.name}${element.arg ? ' ' + element.arg : ''}> is never closed: expected </${element.name}>.`,
    });
  }

  // ---- @include ---------------------------------------------------------------

  private atRootInclude(): boolean {
    const { text, pos } = this;
    const len = text.startsWith('@include', pos) ? 8 : text.startsWith('include', pos) ? 7 : 0;
    if (!len) return false;
    const after = pos + len;
    // Fluentd requires SPACING after the keyword: white space, a comment or the end
    return after >= this.n || isWhite(text.charCodeAt(after)) || text.charCodeAt(after) === CH.hash;
  }

  private include(): void {
    const { text } = this;
    const start = this.pos;
    const keyword = text.startsWith('@include', start) ? '@include' : 'include';
    const kwEnd = start + keyword.length;
    if (keyword === 'include') {
      this.report(start, kwEnd, 'warning', 'deprecated-include', "'include' is deprecated: use '@include'.", { replacement: '@include' });
    }
    this.pos = skipSpacing(text, kwEnd, this.onComment);
    this.finishInclude(keyword, start, kwEnd);
  }

  /** After `@include` and its spacing: the path (quoted or not) to the end of the line. */
  private finishInclude(keyword: string, start: number, kwEnd: number): void {
    const pathStart = this.pos;
    const path = this.atQuote() ? this.scanQuoted() : this.unquoted(scanUnquotedValueFast(this.find, this.pos));
    const node = new IncludeImpl(this.idx, keyword, path, start, kwEnd, pathStart, this.pos, this.current());
    if (!path) {
      this.report(start, kwEnd, 'error', 'include-without-path', `${keyword} needs a file path or glob.`);
    }
    this.addChild(node);
    // Fluentd does not check the line end after the path: it reads what follows as a
    // new parameter, so this is only a warning and parsing goes on right there
    const end = matchLineEnd(this.text, this.pos, this.onComment);
    if (end >= 0) {
      this.pos = end;
    } else {
      const from = skipWhite(this.text, this.pos);
      const eol = endOfLine(this.text, from);
      this.looked(eol);
      this.report(
        from,
        Math.max(from + 1, eol),
        'warning',
        'expected-line-end',
        `Fluentd reads the text after the ${keyword} path as a new parameter: put it on a line of its own.`,
      );
    }
  }

  // ---- parameters ---------------------------------------------------------------

  private param(): void {
    if (!this.generalOnly && this.plainParam()) {
      // inside an element, a run of plain lines: between two of them run() would only move
      // readTo (its SPACING has nothing to skip at such a line's first character)
      if (this.stack.length === 0) return;
      const { text, n } = this;
      do {
        if (this.pos >= n || !isPlainLineStart(text.charCodeAt(this.pos))) return;
        if (this.pos >= this.readTo) this.readTo = this.pos + 1;
      } while (this.plainParam());
    }
    const { text } = this;
    const keyStart = this.pos;
    const keyText = this.atQuote() ? this.scanQuoted() : this.unquoted(scanUnquotedKeyFast(this.find, keyStart));
    const keyEnd = this.pos;
    // the white space after the key decides: a line end means "key with empty value".
    // Fluentd skips no comment here (spacing_without_comment): `k #v` has the value "#v".
    const afterKey = skipWhite(text, keyEnd);
    const keyAlone = afterKey >= this.n || hasLineFeed(text, keyEnd, afterKey);
    if (afterKey === keyEnd && !keyAlone) {
      // only a quoted key can end without white space; Fluentd crashes on `"k"v`
      this.report(
        keyStart,
        keyEnd + 1,
        'error',
        'missing-space',
        `Expected a space after the quoted key ${text.slice(keyStart, keyEnd)}: Fluentd fails to read this line.`,
      );
    }
    const parent = this.current();
    const node = new ParamImpl(this.idx, keyText, keyStart, keyEnd, parent);
    if (keyAlone) {
      this.pos = afterKey;
      this.addChild(node);
      return;
    }
    this.pos = afterKey;
    if (keyText === '@include') {
      this.finishInclude('@include', keyStart, keyEnd);
      return;
    }
    if (keyText.charCodeAt(0) === CH.at && !isReservedParam(keyText)) {
      const strict = !parent || STRICT_PREFIX_ELEMENTS.has(parent.name);
      this.report(
        keyStart,
        keyEnd,
        strict ? 'error' : 'warning',
        'reserved-prefix',
        strict
          ? `'@' is reserved for Fluentd's own parameters (@type, @id, @label, @log_level): '${keyText}' is refused here.`
          : `'@' is reserved for Fluentd's own parameters: Fluentd only warns about '${keyText}' here, and may refuse it in a future version.`,
      );
    }
    node.value = this.value();
    this.addChild(node);
    // a broken JSON value resumes at the start of the line that broke it (e.g. an end
    // tag): that line is parsed on its own, there is no line end to check
    if (this.pos > 0 && this.text.charCodeAt(this.pos - 1) === CH.lf) return;
    this.expectLineEnd('value', keyText, true);
  }

  /**
   * The common line `key value` with native searches and no per-character rules: an
   * unquoted key, spaces, a value that is neither single-quoted nor JSON (double-quoted only
   * when PLAIN_DOUBLE_QUOTED reads it), no tab or CR on the line, and no `#` on it but in or
   * after such a double-quoted value. Makes exactly what param() makes of such a line (the differential
   * test in test/unit/language/parser/fast-paths.test.ts compares whole parses); returns false, having
   * changed nothing, for any other line.
   */
  private plainParam(): boolean {
    const { text, find } = this;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH.dquote || c === CH.squote) return false;
    const eol = find.lineEnd(start);
    if (find.tab.within(start, eol) || find.cr.within(start, eol)) return false;
    // the key and value ends are found here rather than with scanUnquotedKeyFast and
    // scanUnquotedValueFast: the line was checked for `#`, tab and CR once, and
    // asking the finders again per scan made the whole parse 8-15% slower
    const keyEnd = find.space.at(start);
    if (keyEnd < 0 || keyEnd >= eol) return false;
    const hash = find.hash.at(start);
    const hashOnLine = hash >= 0 && hash < eol;
    if (hashOnLine && hash < keyEnd) return false;
    let v = keyEnd + 1;
    while (v < eol && text.charCodeAt(v) === CH.space) v++;
    if (v >= eol) return false;
    const vc = text.charCodeAt(v);
    // the value: a double-quoted one with simple `#{…}` code (the images' `"#{ENV['X'] || 'y'}"`,
    // see PLAIN_DOUBLE_QUOTED), or the rest of the line less its trailing spaces
    let end: number;
    if (vc === CH.dquote) {
      PLAIN_DOUBLE_QUOTED.lastIndex = v;
      if (!PLAIN_DOUBLE_QUOTED.test(text)) return false;
      end = PLAIN_DOUBLE_QUOTED.lastIndex;
    } else {
      if (hashOnLine || vc === CH.squote || vc === CH.lbracket || vc === CH.lbrace) return false;
      end = eol;
      while (text.charCodeAt(end - 1) === CH.space) end--; // stops at v at the latest: text[v] is no space
    }
    const key = text.slice(start, keyEnd);
    // an @include inside an element, and '@' keys that earn a finding, go the long way
    if (c === CH.at && !isReservedParam(key)) return false;
    const node = new ParamImpl(this.idx, key, start, keyEnd, this.current());
    // the value's text (and `#{…}` spans) are read from the source when first asked (see nodes.ts)
    if (vc === CH.dquote) node.value = new ValueImpl(this.idx, 'double', undefined, v, end, null);
    else node.setPlainValue(v, end);
    this.addChild(node);
    this.pos = vc === CH.dquote ? end : eol;
    this.expectLineEnd('value', key, true);
    return true;
  }

  private value(): Value {
    const { text } = this;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH.lbracket || c === CH.lbrace) {
      const scan = scanJson(text, start);
      if (scan.error) this.literalError(scan.error);
      if (scan.read !== undefined && scan.read > this.readTo) this.readTo = scan.read;
      const end = scan.error ? endOfLine(text, start) : scan.end;
      this.pos = scan.end;
      return new ValueImpl(this.idx, 'json', undefined, start, end);
    }
    const litText = this.atQuote() ? this.scanQuoted() : this.unquoted(scanUnquotedValueFast(this.find, start));
    const end = this.pos;
    const spans = this.lastEmbedded;
    const style = c === CH.dquote ? 'double' : c === CH.squote ? 'single' : 'none';
    return new ValueImpl(
      this.idx,
      style,
      litText,
      start,
      end,
      spans.length ? spans.map((e) => new EmbeddedImpl(this.idx, e.code, e.start, e.end)) : undefined,
    );
  }

  // scan_string: a double- or single-quoted string, else an unquoted run whose end
  // depends on where it stands. Each caller scans its unquoted run itself (this runs
  // twice a line); the string's `#{…}` spans are left in `lastEmbedded`.

  private atQuote(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return c === CH.dquote || c === CH.squote;
  }

  /** The unquoted run from `pos` to `end`; moves past it. */
  private unquoted(end: number): string {
    const s = this.text.slice(this.pos, end);
    this.pos = end;
    this.lastEmbedded = NONE;
    return s;
  }

  /** A quoted string at `pos`: its text; moves past it. */
  private scanQuoted(): string {
    const { text } = this;
    const start = this.pos;
    const double = text.charCodeAt(start) === CH.dquote;
    if (double) {
      const close = plainDoubleQuotedClose(this.find, start);
      if (close >= 0) {
        this.pos = close + 1;
        this.lastEmbedded = NONE;
        return text.slice(start + 1, close);
      }
    }
    const scan = double ? scanDoubleQuoted(text, start, this.embeddedBudget) : scanSingleQuoted(text, start);
    for (const e of scan.errors) this.literalError(e);
    if (scan.read !== undefined && scan.read > this.readTo) this.readTo = scan.read;
    this.pos = scan.end;
    this.lastEmbedded = scan.embedded;
    return scan.text;
  }

  private literalError(e: LiteralError): void {
    this.report(e.start, e.end, 'error', e.code, e.message);
  }

  // ---- helpers ------------------------------------------------------------------

  /**
   * Requires LINE_END at the current position (after a tag or the value of `name`).
   * On failure reports expected-line-end at the rest of the line (the message is
   * built only then: this runs for every line) and, when `skipRest`, resumes at the
   * next line; otherwise the rest of the line is parsed as if it stood on its own.
   */
  private expectLineEnd(after: 'start tag' | 'end tag' | 'value', name: string, skipRest: boolean): void {
    const { text, n } = this;
    if (text.charCodeAt(this.pos) === CH.lf) {
      // the common case, a line end and then a line with content: LINE_END stops at
      // that line's start and run()'s SPACING skips its indentation; do both at once
      let p = this.pos + 1;
      while (p < n && isSpaceOrTab(text.charCodeAt(p))) p++;
      const c = text.charCodeAt(p);
      if (p < n && c !== CH.hash && c !== CH.lf && c !== CH.cr) {
        this.pos = p;
        return;
      }
    }
    const end = matchLineEnd(this.text, this.pos, this.onComment);
    if (end >= 0) {
      this.pos = end;
      return;
    }
    const eol = endOfLine(this.text, this.pos);
    this.looked(eol);
    let from = this.pos;
    while (from < eol && (this.text[from] === ' ' || this.text[from] === '\t')) from++;
    const what =
      after === 'value' ? `the value of '${name}'` : after === 'start tag' ? `the start tag <${name}>` : `the end tag </${name}>`;
    this.report(from, Math.max(from + 1, eol), 'error', 'expected-line-end', `Expected the end of the line after ${what}.`);
    if (skipRest) this.pos = nextLineStart(this.text, this.pos);
  }

  /** The character at `p` was looked at (the end of the text counts as one). */
  private looked(p: number): void {
    if (p >= this.readTo) this.readTo = p + 1;
  }

  private current(): ElementImpl | undefined {
    // never read stack[-1]: an out-of-bounds read is a slow lookup in V8
    const { stack } = this;
    return stack.length ? stack[stack.length - 1] : undefined;
  }

  private addChild(node: Node): void {
    const parent = this.current();
    // the parent's range is set when it closes (closeElement / closeUnclosed)
    if (parent) {
      parent.children.push(node);
    } else {
      this.root.push(node);
    }
  }

  private report(start: number, end: number, severity: Severity, code: string, message: string, data?: unknown): void {
    const d: Diagnostic = { range: this.idx.range(start, end), severity, code, message };
    if (data !== undefined) d.data = data;
    this.diagnostics.push(d);
  }
}

// The edit, found by comparing the two versions: halves compared by the engine's own string
// comparison, then the last stretch by character (a loop over every character of a 10,000-line
// config cost more than the reparse itself).

/** Length of the common beginning of `a` and `b`, at most `max`. */
function commonPrefix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (hi - lo > 32) {
    const mid = (lo + hi) >>> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < hi && a.charCodeAt(lo) === b.charCodeAt(lo)) lo++;
  return lo;
}

/** Length of the common end of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (hi - lo > 32) {
    const mid = (lo + hi) >>> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid;
  }
  while (lo < hi && a.charCodeAt(a.length - 1 - lo) === b.charCodeAt(b.length - 1 - lo)) lo++;
  return lo;
}

/** RESERVED_PARAMS.has, as comparisons: a Set lookup hashes every fresh key string. */
function isReservedParam(key: string): boolean {
  for (const r of RESERVED) if (key === r) return true;
  return false;
}

/** A character a line can start with that run() would send to param() with nothing skipped first. */
function isPlainLineStart(c: number): boolean {
  return c !== CH.lt && c !== CH.hash && c !== CH.dquote && c !== CH.squote && !isWhite(c);
}

function hasLineFeed(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === CH.lf) return true;
  return false;
}
