// Quoted strings, embedded Ruby and JSON values, scanned the way Fluentd's
// LiteralParser reads them. Each scanner returns where the literal ends and, on
// failure, what went wrong and where — the caller decides how to recover.
import { CH, isWhite } from './scan';

export interface LiteralError {
  code: string;
  message: string;
  /** Offset range the error points at. */
  start: number;
  end: number;
  /** Offset where parsing should resume. */
  resume: number;
}

export interface EmbeddedSpan {
  /** Offsets of `#{` and just past the closing `}`. */
  start: number;
  end: number;
  code: string;
}

export interface StringScan {
  end: number;
  text: string;
  embedded: EmbeddedSpan[];
  errors: LiteralError[];
  /** Past the last character looked at, when the scan looked beyond `end` (an unclosed string or `#{`). */
  read?: number;
}

/** Escapes Fluentd resolves in double quotes; any other letter or digit is an error. */
const DQ_ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  r: '\r',
  n: '\n',
  t: '\t',
  f: '\f',
  b: '\b',
  '0': '\0',
};

/** Longest `#{…}` body searched for its closing brace, so garbage cannot make parsing quadratic. */
const MAX_EMBEDDED = 16 * 1024;
/** Deepest `"#{ "#{ …` nesting followed; real configs use one or two levels. */
const MAX_EMBEDDED_NESTING = 32;

/**
 * A double-quoted string starting at `open` (the `"`). Real newlines are kept and a
 * backslash-newline joins lines; an unterminated string is reported at its quote.
 */
/**
 * How far unclosed `#{` may still be searched in one parse. Each failed search reads
 * up to MAX_EMBEDDED characters; a file of thousands of broken `#{` would make that
 * quadratic, so once this is spent a search only reaches the end of its line.
 */
export interface EmbeddedBudget {
  left: number;
}

/** What a parse starts with. */
export const EMBEDDED_BUDGET = 64 * MAX_EMBEDDED;

export function newEmbeddedBudget(): EmbeddedBudget {
  return { left: EMBEDDED_BUDGET };
}

export function scanDoubleQuoted(text: string, open: number, budget: EmbeddedBudget = newEmbeddedBudget()): StringScan {
  const n = text.length;
  const errors: LiteralError[] = [];
  const embedded: EmbeddedSpan[] = [];
  let out = '';
  let runStart = open + 1;
  let p = open + 1;
  let lineBreakReported = false;
  /** Reports `code` from `start` to the end of its line, where parsing resumes. */
  const failAtLineEnd = (start: number, code: string, message: string, read: number): StringScan => {
    const lineEnd = endOfLineFrom(text, start);
    errors.push({ code, message, start, end: lineEnd, resume: lineEnd });
    return { end: lineEnd, text: out, embedded, errors, read };
  };
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === CH.dquote) {
      out += text.slice(runStart, p);
      return { end: p + 1, text: out, embedded, errors };
    }
    const next = text.charCodeAt(p + 1);
    if (next === CH.lf || next === CH.cr || p + 1 >= n) {
      // Fluentd takes a character and the line break (or end of file) after it in one
      // step; a backslash there joins the lines (only a CR is taken from a CRLF)
      if (c === CH.backslash) {
        out += text.slice(runStart, p);
        runStart = p + 2;
      }
      p += 2;
      continue;
    }
    if (c === CH.lf && !lineBreakReported) {
      // a line feed not taken with the character before it (after the quote, an
      // escape, `#{…}`, an empty line or a CRLF) makes Fluentd's scan fail; a lone CR
      // is an ordinary character there
      lineBreakReported = true;
      errors.push({
        code: 'string-line-break',
        message:
          "Fluentd cannot read this line break in a double-quoted string (it stops with 'unexpected end of file in a double quoted string'): a line break must follow an ordinary character, and CRLF line ends or empty lines fail. Write \\n instead.",
        start: p,
        end: p + 1,
        resume: -1,
      });
    }
    if (c === CH.backslash) {
      out += text.slice(runStart, p);
      if (p + 1 >= n) {
        p++;
        runStart = p;
        break;
      }
      const e = text[p + 1];
      if (e in DQ_ESCAPES) {
        out += DQ_ESCAPES[e];
      } else if (/[a-zA-Z0-9]/.test(e)) {
        errors.push({
          code: 'bad-escape',
          message: `Unknown escape '\\${e}' in a double-quoted string: Fluentd refuses it. Write '\\\\${e}' for a backslash followed by '${e}', or use single quotes.`,
          start: p,
          end: p + 2,
          resume: -1,
        });
        out += e;
      } else {
        out += e; // backslash + symbol gives the symbol
      }
      p += 2;
      runStart = p;
      continue;
    }
    if (c === CH.hash && text.charCodeAt(p + 1) === CH.lbrace) {
      const from = p + 2;
      const window = budget.left > 0 ? MAX_EMBEDDED : endOfLineFrom(text, from) - from;
      const limit = Math.min(n, from + window);
      const close = findEmbeddedEnd(text, from, limit);
      if (close < 0) {
        budget.left -= limit - from;
        out += text.slice(runStart, p);
        return failAtLineEnd(
          p,
          'unterminated-embedded-code',
          "Embedded Ruby '#{' is never closed with '}' (Fluentd: expected end of embedded code).",
          limit >= n ? n + 1 : limit, // reaching the end of the text is looking at it
        );
      }
      embedded.push({ start: p, end: close + 1, code: text.slice(p + 2, close) });
      p = close + 1;
      continue; // the code stays in `text` as written: it is never evaluated
    }
    p++;
  }
  out += text.slice(runStart, p);
  return failAtLineEnd(
    open,
    'unterminated-string',
    'This double-quoted string is never closed: Fluentd reads to the end of the file and fails.',
    n + 1,
  );
}

/** A single-quoted string: only `\'` and `\\` escape, and it cannot span lines. */
export function scanSingleQuoted(text: string, open: number): StringScan {
  const n = text.length;
  let out = '';
  let p = open + 1;
  let runStart = p;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === CH.squote) {
      out += text.slice(runStart, p);
      return { end: p + 1, text: out, embedded: [], errors: [] };
    }
    if (c === CH.lf) break;
    if (c === CH.backslash) {
      const e = text.charCodeAt(p + 1);
      if (e === CH.squote || e === CH.backslash) {
        out += text.slice(runStart, p) + text[p + 1];
        p += 2;
        runStart = p;
        continue;
      }
    }
    p++;
  }
  out += text.slice(runStart, p);
  return {
    end: p,
    text: out,
    embedded: [],
    errors: [
      {
        code: 'unterminated-string',
        message: 'This single-quoted string is not closed on its line (single-quoted strings cannot span lines).',
        start: open,
        end: p,
        resume: p,
      },
    ],
  };
}

/**
 * Offset of the `}` closing embedded Ruby whose body starts at `from`, or -1. A small
 * Ruby lexer: nested braces, strings (with their own interpolation) and `#` comments.
 */
export function findEmbeddedEnd(text: string, from: number, limit = Math.min(text.length, from + MAX_EMBEDDED), nesting = 0): number {
  // strings with interpolation nest by recursion: give up (as unclosed) long before the
  // call stack would overflow on text like `"#{"#{"#{…`
  if (nesting > MAX_EMBEDDED_NESTING) return -1;
  let depth = 1;
  let p = from;
  while (p < limit) {
    const c = text.charCodeAt(p);
    if (c === CH.lbrace) {
      depth++;
    } else if (c === CH.rbrace) {
      if (--depth === 0) return p;
    } else if (c === CH.hash) {
      while (p < limit && text.charCodeAt(p) !== CH.lf) p++;
      continue;
    } else if (c === CH.dquote || c === CH.squote || c === 96 /* ` */) {
      const end = skipRubyString(text, p, limit, nesting);
      if (end < 0) return -1;
      p = end;
      continue;
    }
    p++;
  }
  return -1;
}

function skipRubyString(text: string, open: number, limit: number, nesting: number): number {
  const quote = text.charCodeAt(open);
  let p = open + 1;
  while (p < limit) {
    const c = text.charCodeAt(p);
    if (c === CH.backslash) {
      p += 2;
      continue;
    }
    if (c === quote) return p + 1;
    if (quote !== CH.squote && c === CH.hash && text.charCodeAt(p + 1) === CH.lbrace) {
      // the nested code shares this window, so one search stays within MAX_EMBEDDED
      const close = findEmbeddedEnd(text, p + 2, limit, nesting + 1);
      if (close < 0) return -1;
      p = close + 1;
      continue;
    }
    p++;
  }
  return -1;
}

export interface JsonScan {
  end: number;
  error?: LiteralError;
  /** On an error: past the last character looked at (the parse resumes before it). */
  read?: number;
}

const enum JState {
  /** just after `[` or `{` */
  Open,
  /** after `,` */
  Comma,
  /** after `"key"` in an object */
  Key,
  /** after `:` */
  Colon,
  /** after a complete value */
  Value,
}

/**
 * A JSON array or hash value starting at `open` (`[` or `{`), possibly spanning lines.
 * Like Fluentd it ends at the first point the text so far is complete JSON, and a `#`
 * outside strings is a comment only where Fluentd's own check lets it be one: at the
 * top nesting level, after an opening bracket, a value or a comma.
 */
export function scanJson(text: string, open: number): JsonScan {
  const n = text.length;
  const isArray = text.charCodeAt(open) === CH.lbracket;
  const kind = isArray ? 'array' : 'hash';
  // stack of container kinds: true = array
  const stack: boolean[] = [isArray];
  let state: JState = JState.Open;
  let lastComma = -1;
  let p = open + 1;

  const fail = (at: number, why: string): JsonScan => {
    // resume at a line that starts with the offending token (e.g. `</source>` after an
    // unclosed `[`), else after the line where the JSON went wrong
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    let firstNonBlank = lineStart;
    while (firstNonBlank < at && (text[firstNonBlank] === ' ' || text[firstNonBlank] === '\t')) firstNonBlank++;
    const resumeAt = firstNonBlank === at && lineStart > open ? lineStart : endOfLineFrom(text, at);
    const openLineEnd = endOfLineFrom(text, open);
    return {
      end: resumeAt,
      read: endOfLineFrom(text, at) + 1,
      error: {
        code: 'incomplete-json',
        message: `Incomplete JSON ${kind}: ${why} (Fluentd: got incomplete JSON ${kind} configuration).`,
        start: open,
        end: openLineEnd,
        resume: resumeAt,
      },
    };
  };

  while (p < n) {
    const c = text.charCodeAt(p);
    if (isWhite(c)) {
      p++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === CH.hash) {
      // Fluentd drops a trailing comma only from the current line before its check
      const commaOnThisLine = state === JState.Comma && text.lastIndexOf('\n', p) < lastComma;
      const commentAllowed = stack.length === 1 && (state === JState.Open || state === JState.Value || commaOnThisLine);
      if (!commentAllowed) return fail(p, "'#' here is neither inside a string nor a comment Fluentd accepts");
      while (p < n && text.charCodeAt(p) !== CH.lf) p++;
      continue;
    }
    if (c === CH.rbracket || c === CH.rbrace) {
      const closesArray = c === CH.rbracket;
      if (closesArray !== top) return fail(p, `'${text[p]}' does not match the open bracket`);
      if (state === JState.Comma) return fail(p, 'a trailing comma is not allowed');
      if (state === JState.Key || state === JState.Colon) return fail(p, 'a key has no value');
      stack.pop();
      p++;
      if (stack.length === 0) return { end: p };
      state = JState.Value;
      continue;
    }
    if (c === 44 /* , */) {
      if (state !== JState.Value) return fail(p, 'a comma must follow a value');
      state = JState.Comma;
      lastComma = p;
      p++;
      continue;
    }
    if (c === 58 /* : */) {
      if (top || state !== JState.Key) return fail(p, "':' must follow a key");
      state = JState.Colon;
      p++;
      continue;
    }
    // a value (or a key in an object)
    const expectingKey: boolean = !top && (state === JState.Open || state === JState.Comma);
    const expectingValue: boolean = top ? state === JState.Open || state === JState.Comma : state === JState.Colon;
    if (!expectingKey && !expectingValue) return fail(p, 'a comma is missing between values');
    if (c === CH.dquote) {
      const end = scanJsonString(text, p);
      if (end < 0) return fail(p, 'a string is not closed on its line (or holds a raw tab or control character)');
      p = end;
      state = expectingKey ? JState.Key : JState.Value;
      continue;
    }
    if (expectingKey) return fail(p, 'object keys must be double-quoted strings');
    if (c === CH.lbracket || c === CH.lbrace) {
      stack.push(c === CH.lbracket);
      state = JState.Open;
      p++;
      continue;
    }
    const end = scanJsonScalar(text, p);
    if (end < 0) return fail(p, `unexpected '${text[p]}'`);
    p = end;
    state = JState.Value;
  }
  return fail(n, 'the file ends before it is closed');
}

function endOfLineFrom(text: string, at: number): number {
  const i = text.indexOf('\n', at);
  return i === -1 ? text.length : i;
}

function scanJsonString(text: string, open: number): number {
  const n = text.length;
  let p = open + 1;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === CH.dquote) return p + 1;
    // JSON (and Fluentd's parser) refuse raw control characters, a tab included
    if (c < 0x20) return -1;
    if (c === CH.backslash) p++;
    p++;
  }
  return -1;
}

const JSON_SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

function scanJsonScalar(text: string, at: number): number {
  JSON_SCALAR.lastIndex = at;
  const m = JSON_SCALAR.exec(text);
  if (!m || m[0].length === 0) return -1;
  const end = at + m[0].length;
  // `truex` or `12a` are not JSON
  const next = text.charCodeAt(end);
  if ((next >= 97 && next <= 122) || (next >= 65 && next <= 90) || (next >= 48 && next <= 57) || next === 95) return -1;
  return end;
}
