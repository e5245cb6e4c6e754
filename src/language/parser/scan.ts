// Character-level scanning rules of Fluentd's v1 config parser (basic_parser.rb,
// literal_parser.rb), written as index arithmetic over the text: each function
// takes a start offset and returns where the construct ends, so the parser can
// stay error-tolerant and never backtracks more than one construct.

export const CH = {
  tab: 9,
  lf: 10,
  cr: 13,
  space: 32,
  dquote: 34,
  hash: 35,
  squote: 39,
  slash: 47,
  lt: 60,
  gt: 62,
  at: 64,
  lbracket: 91,
  backslash: 92,
  rbracket: 93,
  lbrace: 123,
  rbrace: 125,
} as const;

export function isSpaceOrTab(c: number): boolean {
  return c === CH.space || c === CH.tab;
}

/** [ \t\r\n] — the white space of Fluentd's SPACING pattern. */
export function isWhite(c: number): boolean {
  return c === CH.space || c === CH.tab || c === CH.lf || c === CH.cr;
}

/** Fluentd's ELEMENT_NAME: [a-zA-Z0-9_]. */
export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Offset of the next `\n` at or after `from`, or the text length. */
export function endOfLine(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

/** Offset just past the next `\n` at or after `from`, or the text length. */
export function nextLineStart(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i + 1;
}

export type CommentSink = (start: number, end: number) => void;

/** The rest of a comment up to a CR or LF (a sticky regexp: faster than a loop here). */
const COMMENT_BODY = /[^\r\n]*/y;

/**
 * SPACING = (?:[ \t\r\n]|\z|\#.*?(?:\z|[\r\n]))+ — white space and comments,
 * across lines. Returns the end offset; reports each comment (without its newline).
 */
export function skipSpacing(text: string, pos: number, onComment?: CommentSink): number {
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (isWhite(c)) {
      pos++;
    } else if (c === CH.hash) {
      // `.*?(?:\z|[\r\n])`: a comment stops at the first CR or LF
      COMMENT_BODY.lastIndex = pos + 1;
      COMMENT_BODY.test(text);
      const e = COMMENT_BODY.lastIndex;
      onComment?.(pos, e);
      pos = e < n ? e + 1 : e;
    } else {
      break;
    }
  }
  return pos;
}

/** SPACING_WITHOUT_COMMENT = (?:[ \t\r\n]|\z)+ — white space only, across lines. */
export function skipWhite(text: string, pos: number): number {
  const n = text.length;
  while (pos < n && isWhite(text.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * Strips Fluentd's white space [ \t\r\n] from both ends. Not String#trim: that also
 * strips Unicode spaces (a pasted no-break space) that Fluentd keeps in the text.
 */
export function trimWhite(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWhite(s.charCodeAt(a))) a++;
  while (b > a && isWhite(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * LINE_END = (?:[ \t]*(?:\#.*)?(?:\z|[\r\n]))+ — optional blanks and a comment, then
 * the end of the line; repeated over blank lines. Returns the end offset, or -1
 * when the text at `pos` is not the end of a line.
 */
export function matchLineEnd(text: string, pos: number, onComment?: CommentSink): number {
  const n = text.length;
  let matched = -1;
  for (;;) {
    let p = pos;
    while (p < n && isSpaceOrTab(text.charCodeAt(p))) p++;
    let commentStart = -1;
    if (p < n && text.charCodeAt(p) === CH.hash) {
      commentStart = p;
      // `.*` runs to LF only (Ruby's `.` matches CR), then `[\r\n]` needs one
      const lf = text.indexOf('\n', p);
      p = lf < 0 ? n : lf;
    }
    if (p >= n) {
      if (commentStart >= 0) onComment?.(commentStart, p);
      return p;
    }
    const c = text.charCodeAt(p);
    if (c === CH.lf || c === CH.cr) {
      // the comment itself stops before the CR of a CRLF
      if (commentStart >= 0) onComment?.(commentStart, c === CH.lf && p > commentStart && text.charCodeAt(p - 1) === CH.cr ? p - 1 : p);
      matched = p + 1;
      pos = p + 1;
      continue;
    }
    return matched;
  }
}

/**
 * End of an unquoted value (scan_nonquoted_string with LINE_END as boundary): the
 * value stops before blanks that lead to a comment or the end of the line, and at
 * any CR/LF. A `#` inside the value (`a#b`) is part of it.
 */
export function scanUnquotedValue(text: string, pos: number): number {
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === CH.lf || c === CH.cr) return pos;
    if (isSpaceOrTab(c)) {
      let q = pos + 1;
      while (q < n && isSpaceOrTab(text.charCodeAt(q))) q++;
      if (q >= n) return pos;
      const d = text.charCodeAt(q);
      if (d === CH.hash || d === CH.lf || d === CH.cr) return pos;
      pos = q; // the blanks are inside the value
      continue;
    }
    pos++;
  }
  return pos;
}

/** End of an unquoted key: the first white space (SPACING boundary; `#` is kept). */
export function scanUnquotedKey(text: string, pos: number): number {
  const n = text.length;
  while (pos < n && !isWhite(text.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * End of a start tag's argument: scan_nonquoted_string up to `(?:SPACING)*>`. The
 * argument never crosses a line end; blanks and even `# text` stay inside it unless
 * only spacing separates them from `>`.
 */
export function scanTagArgument(text: string, pos: number): number {
  const n = text.length;
  let knownNotBoundaryUntil = -1;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === CH.lf) return pos;
    if (c === CH.hash) {
      pos++;
      continue;
    }
    if (c === CH.gt) return pos;
    if (isWhite(c) && pos >= knownNotBoundaryUntil) {
      const q = skipSpacing(text, pos);
      if (q < n && text.charCodeAt(q) === CH.gt) return pos;
      // every blank between here and q leads to the same non-`>` character
      knownNotBoundaryUntil = q;
    }
    if (c === CH.cr && pos + 1 < n && text.charCodeAt(pos + 1) === CH.lf) return pos;
    pos++;
  }
  return pos;
}
