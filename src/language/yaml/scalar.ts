// A YAML scalar decoded together with where each character came from, so that a
// position in the embedded fluent.conf maps to the YAML file and back. Block scalars
// (`|`, `|-`, `|+`, `>`, explicit indentation), quoted and plain scalars with line
// folding and escapes. The result is only trusted when it equals the value the
// `yaml` package decoded (the caller checks); otherwise nothing is mapped.

export type ScalarStyle = 'literal' | 'folded' | 'double' | 'single' | 'plain';

export interface DecodedScalar {
  style: ScalarStyle;
  text: string;
  /** For each character of `text` (and one past the end): its offset in the YAML source. */
  offsets: number[];
  /** For each character: 1 when it is the very source character at its offset (not an escape, fold or line-break normalisation). */
  direct: Uint8Array;
  /** Block scalars: the indentation removed from each content line. */
  indent?: number;
  /** Block scalars: the chomping indicator. */
  chomp?: 'clip' | 'strip' | 'keep';
  /** Block scalars: an explicit indentation indicator was written. */
  explicitIndent?: boolean;
}

class Out {
  text = '';
  offsets: number[] = [];
  direct: number[] = [];

  /** Appends `s`: copied from the source at `offset` (direct), or standing for the source text there. */
  push(s: string, offset: number, direct: boolean): void {
    for (let k = 0; k < s.length; k++) {
      this.offsets.push(direct ? offset + k : offset);
      this.direct.push(direct ? 1 : 0);
    }
    this.text += s;
  }

  done(style: ScalarStyle, end: number, extra: Partial<DecodedScalar> = {}): DecodedScalar {
    return { style, text: this.text, offsets: [...this.offsets, end], direct: Uint8Array.from(this.direct), ...extra };
  }
}

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
const isWhite = (c: string | undefined) => c === ' ' || c === '\t';

/** The end of the line break at `i` (CRLF counts as one). */
function breakEnd(src: string, i: number): number {
  return src[i] === '\r' && src[i + 1] === '\n' ? i + 2 : i + 1;
}

/**
 * A block scalar: `start` at the `|`/`>` header, `end` where its content ends (the
 * yaml package's valueEnd); `parentIndent` is the indentation of the collection
 * holding it (the CST token's indent), which an explicit indicator is relative to.
 */
export function decodeBlock(src: string, start: number, end: number, parentIndent: number): DecodedScalar | undefined {
  const folded = src[start] === '>';
  let i = start + 1;
  let chomp: DecodedScalar['chomp'] = 'clip';
  let explicit: number | undefined;
  for (let k = 0; k < 2; k++) {
    const c = src[i];
    if (c === '-' || c === '+') {
      chomp = c === '-' ? 'strip' : 'keep';
      i++;
    } else if (c !== undefined && c >= '1' && c <= '9') {
      explicit = Number(c);
      i++;
    }
  }
  // the rest of the header line (spaces, a comment)
  while (i < src.length && !isBreak(src[i])) i++;
  if (i >= src.length) return new Out().done(folded ? 'folded' : 'literal', end, { chomp });
  i = breakEnd(src, i);

  // content lines up to `end`
  const lines: { start: number; end: number; brk: number }[] = [];
  for (let p = i; p < end;) {
    let e = p;
    while (e < src.length && !isBreak(src[e])) e++;
    lines.push({ start: p, end: e, brk: e });
    p = e < src.length ? breakEnd(src, e) : e + 1;
  }
  let indent: number;
  if (explicit !== undefined) indent = Math.max(parentIndent, 0) + explicit;
  else {
    const first = lines.find((l) => /[^ ]/.test(src.slice(l.start, l.end)));
    if (!first) indent = 0;
    else {
      indent = 0;
      while (src[first.start + indent] === ' ') indent++;
    }
  }
  const content = lines.map((l) => {
    const len = l.end - l.start;
    const empty = len <= indent && /^ *$/.test(src.slice(l.start, l.end));
    return { ...l, from: empty ? l.end : l.start + indent, empty: empty || l.start + indent >= l.end };
  });
  let lastContent = -1;
  content.forEach((l, k) => {
    if (!l.empty) lastContent = k;
  });

  const out = new Out();
  const emitLine = (l: (typeof content)[number]) => {
    if (l.from < l.end) out.push(src.slice(l.from, l.end), l.from, true);
  };
  const more = (l: (typeof content)[number]) => !l.empty && isWhite(src[l.from]);
  for (let k = 0; k <= lastContent; k++) {
    const l = content[k];
    emitLine(l);
    if (k === lastContent) break;
    if (!folded || l.empty) {
      // in a literal block a line break stands exactly for the file's break (LF or CRLF)
      out.push('\n', l.brk, !folded);
      continue;
    }
    // folding: the break after a normal line before a normal line is a space; before
    // empty lines it disappears (each empty line stands for one newline)
    let j = k + 1;
    while (j <= lastContent && content[j].empty) j++;
    const next = content[j];
    if (!more(l) && !more(next)) {
      if (j === k + 1) out.push(' ', l.brk, false);
    } else out.push('\n', l.brk, false);
  }
  // chomping: the final break and trailing empty lines
  if (lastContent >= 0 && chomp !== 'strip') {
    const l = content[lastContent];
    if (l.brk < src.length) out.push('\n', l.brk, !folded);
    if (chomp === 'keep') for (const t of content.slice(lastContent + 1)) if (t.brk < src.length) out.push('\n', t.brk, !folded);
  } else if (lastContent < 0 && chomp === 'keep') {
    for (const t of content) if (t.brk < src.length) out.push('\n', t.brk, !folded);
  }
  const last = out.offsets.length ? out.offsets[out.offsets.length - 1] + 1 : end;
  return out.done(folded ? 'folded' : 'literal', last, { indent, chomp, explicitIndent: explicit !== undefined });
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** A flow scalar (quoted or plain) between `start` and `end` (the value's source span, quotes included). */
export function decodeFlow(src: string, start: number, end: number, style: 'double' | 'single' | 'plain'): DecodedScalar | undefined {
  const out = new Out();
  let i = style === 'plain' ? start : start + 1;
  const stop = style === 'plain' ? end : end - 1;
  /** Output length up to which white space may not be trimmed (escaped or inner). */
  let keep = 0;
  while (i < stop) {
    const c = src[i];
    if (style === 'double' && c === '\\') {
      const n = src[i + 1];
      if (isBreak(n)) {
        // an escaped line break: joined without a space, the next line's indentation dropped
        i = breakEnd(src, i + 1);
        while (i < stop && isWhite(src[i])) i++;
        keep = out.text.length;
        continue;
      }
      const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (hex) {
        const code = Number.parseInt(src.slice(i + 2, i + 2 + hex), 16);
        if (Number.isNaN(code)) return undefined;
        out.push(String.fromCodePoint(code), i, false);
        i += 2 + hex;
      } else {
        const v = ESCAPES[n];
        if (v === undefined) return undefined;
        out.push(v, i, false);
        i += 2;
      }
      keep = out.text.length;
      continue;
    }
    if (style === 'single' && c === "'" && src[i + 1] === "'") {
      out.push("'", i, false);
      i += 2;
      keep = out.text.length;
      continue;
    }
    if (isBreak(c)) {
      // line folding: trailing white space before the break is dropped; one break is
      // a space, each further (empty) line a newline; the next line's indentation dropped
      trimTrailing(out, keep);
      const brk = i;
      i = breakEnd(src, i);
      let empties = 0;
      for (;;) {
        let p = i;
        while (p < stop && isWhite(src[p])) p++;
        if (p < stop && isBreak(src[p])) {
          empties++;
          i = breakEnd(src, p);
        } else {
          i = p;
          break;
        }
      }
      if (empties === 0) out.push(' ', brk, false);
      else for (let k = 0; k < empties; k++) out.push('\n', brk, false);
      keep = out.text.length;
      continue;
    }
    out.push(c, i, true);
    if (!isWhite(c)) keep = out.text.length;
    i++;
  }
  if (style === 'plain') trimTrailing(out, keep);
  return out.done(style, i);
}

function trimTrailing(out: Out, keep: number): void {
  let n = out.text.length;
  while (n > keep && isWhite(out.text[n - 1])) n--;
  out.text = out.text.slice(0, n);
  out.offsets.length = n;
  out.direct.length = n;
}
