// Formatting of fluent.conf: canonical layout without touching meaning.
//
// What changes:
//   - indentation: two spaces per element depth for every line that starts a tag,
//     a parameter, an @include or a comment (tabs become spaces);
//   - trailing blanks at the end of a line (also after a comment) and blank-only lines;
//   - the blanks between a key and its value on one line become one space (they are
//     never part of the value, so this cannot change what Fluentd reads);
//   - `<match   a.**  >` → `<match a.**>`, `</match >` → `</match>`.
// What never changes:
//   - values, arguments and comments (byte for byte), line endings (CRLF stays CRLF),
//     blank lines (only emptied), blanks between a value and its trailing comment;
//   - any line inside a multi-line construct: a JSON value spanning lines or a
//     double-quoted string with real newlines (those newlines and blanks are part of
//     the value), or a start tag whose argument sits on a later line.
// A file with syntax errors is not formatted at all (like prettier): where the parser
// had to guess the structure, re-indenting could mislead. As a last guard, the
// result is parsed again and must give the same tree; otherwise nothing is changed.
// Nesting deeper than MAX_FORMAT_DEPTH is left alone: 10,000 levels would mean
// ~100 MB of indentation, and no real config nests like that.
import { parse, type ParseResult } from './parser';
import type { ElementNode, Node } from './parser/ast';
import type { Range, TextChange } from './types';

const INDENT = '  ';
const BLANKS = /^[ \t]*$/;

export const MAX_FORMAT_DEPTH = 100;

export type FormatSkipReason = 'syntax-errors' | 'unsafe' | 'too-deep';

export interface FormatResult {
  text: string;
  /** Why the text was left unchanged, when it was. */
  skipped?: FormatSkipReason;
}

/** The formatted text of a config (the input itself when it cannot be formatted safely). */
export function formatText(text: string, parsed: ParseResult = parse(text)): FormatResult {
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { text, skipped: 'syntax-errors' };
  if (nestedDeeperThan(parsed.document.children, MAX_FORMAT_DEPTH)) return { text, skipped: 'too-deep' };
  const lines = layout(text, parsed);
  const out = joinLines(text, parsed, lines);
  if (out === text) return { text };
  if (!sameTree(parse(out), parsed)) return { text, skipped: 'unsafe' };
  return { text: out };
}

/**
 * The edits that format a config: one per changed line, each replacing the line's
 * content (never its line ending). `range` limits them to the lines it touches.
 */
export function formatEdits(text: string, parsed: ParseResult = parse(text), range?: Range): TextChange[] {
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return [];
  if (nestedDeeperThan(parsed.document.children, MAX_FORMAT_DEPTH)) return [];
  const lines = layout(text, parsed);
  const out = joinLines(text, parsed, lines);
  if (out === text) return [];
  if (!sameTree(parse(out), parsed)) return [];
  const idx = parsed.lineIndex;
  const edits: TextChange[] = [];
  const first = range ? range.start.line : 0;
  const last = range ? range.end.line : idx.lineCount - 1;
  for (let line = Math.max(0, first); line <= Math.min(last, idx.lineCount - 1); line++) {
    const start = idx.lineStarts[line];
    const end = idx.lineEnd(line);
    const old = text.slice(start, end);
    if (lines[line] !== old) {
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: end - start } }, newText: lines[line] });
    }
  }
  return edits;
}

function nestedDeeperThan(nodes: Node[], limit: number): boolean {
  const stack: [Node[], number][] = [[nodes, 0]];
  while (stack.length) {
    const [list, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const n of list) if (n.kind === 'element' && n.children.length) stack.push([n.children, depth + 1]);
  }
  return false;
}

/** The new content of every line (line endings excluded). */
function layout(text: string, parsed: ParseResult): string[] {
  const idx = parsed.lineIndex;
  const count = idx.lineCount;
  /** Depth of the node or comment that starts the line; -1: leave the indentation. */
  const depth = new Int32Array(count).fill(-1);
  /** Depth of a comment standing on this line (the depth of the children around it). */
  const inside = new Int32Array(count);
  /** The line starts inside a multi-line construct: leave it exactly as it is. */
  const frozen = new Uint8Array(count);
  /** The line ends inside a multi-line construct: keep its trailing blanks. */
  const openEnd = new Uint8Array(count);
  /** In-line replacements, by line: [start offset, end offset, new text]. */
  const replace = new Map<number, [number, number, string][]>();
  const addReplace = (line: number, start: number, end: number, s: string) => {
    if (text.slice(start, end) === s) return;
    let list = replace.get(line);
    if (!list) replace.set(line, (list = []));
    list.push([start, end, s]);
  };
  const freeze = (r: Range) => {
    for (let l = r.start.line; l < r.end.line; l++) openEnd[l] = 1;
    for (let l = r.start.line + 1; l <= r.end.line; l++) frozen[l] = 1;
  };
  const offset = (p: Range['start']) => idx.lineStarts[p.line] + p.character;

  const stack: { nodes: Node[]; depth: number }[] = [{ nodes: parsed.document.children, depth: 0 }];
  while (stack.length) {
    const { nodes, depth: d } = stack.pop()!;
    for (const node of nodes) {
      if (node.kind === 'element') {
        element(node, d);
        stack.push({ nodes: node.children, depth: d + 1 });
      } else if (node.kind === 'param') {
        depth[node.keyRange.start.line] = d;
        if (node.keyRange.end.line > node.keyRange.start.line) freeze(node.keyRange);
        const v = node.value;
        if (!v) continue;
        if (v.range.end.line > v.range.start.line) freeze(v.range);
        if (v.range.start.line === node.keyRange.end.line) {
          const a = offset(node.keyRange.end);
          const b = offset(v.range.start);
          if (/^[ \t]+$/.test(text.slice(a, b))) addReplace(v.range.start.line, a, b, ' ');
        } else {
          // a value on another line than its key (possible only via odd spacing): keep
          for (let l = node.keyRange.end.line; l <= v.range.start.line; l++) {
            if (l > node.keyRange.end.line) frozen[l] = 1;
            if (l < v.range.start.line) openEnd[l] = 1;
          }
        }
      } else {
        depth[node.range.start.line] = d;
        if (node.range.end.line > node.range.start.line) freeze(node.range);
      }
    }
  }

  function element(e: ElementNode, d: number): void {
    const open = e.openRange;
    depth[open.start.line] = d;
    if (open.end.line > open.start.line) {
      freeze(open);
    } else {
      const a = offset(open.start);
      const b = offset(open.end);
      const tag = text.slice(a, b);
      const arg = e.argRange ? text.slice(offset(e.argRange.start), offset(e.argRange.end)) : '';
      // only blanks may be dropped: the tag must be `<name`, blanks, arg, blanks, `>`
      // (at least one blank before a non-empty argument)
      if (tag.startsWith(`<${e.name}`) && tag.endsWith('>')) {
        const inner = tag.slice(e.name.length + 1, -1);
        const at = arg ? inner.indexOf(arg) : inner.length;
        const blanksOnly = at >= 0 && BLANKS.test(inner.slice(0, at)) && BLANKS.test(inner.slice(at + arg.length));
        if (blanksOnly && (!arg || at > 0)) addReplace(open.start.line, a, b, arg ? `<${e.name} ${arg}>` : `<${e.name}>`);
      }
    }
    const close = e.closeRange;
    if (!close) return;
    depth[close.start.line] = d;
    if (close.end.line === close.start.line) {
      const a = offset(close.start);
      const b = offset(close.end);
      const tag = text.slice(a, b);
      if (tag.startsWith(`</${e.name}`) && tag.endsWith('>') && BLANKS.test(tag.slice(e.name.length + 2, -1))) {
        addReplace(close.start.line, a, b, `</${e.name}>`);
      }
    } else {
      freeze(close);
    }
    for (let l = open.end.line + 1; l < close.start.line; l++) inside[l] = d + 1;
  }

  // comments that start their line are indented like the children around them
  for (const c of parsed.document.comments) {
    const line = c.range.start.line;
    if (frozen[line] || depth[line] >= 0) continue;
    const start = idx.lineStarts[line];
    if (/^[\ufeff \t]*$/.test(text.slice(start, start + c.range.start.character))) depth[line] = inside[line];
  }

  const out: string[] = new Array(count);
  const indents: string[] = [];
  for (let line = 0; line < count; line++) {
    const start = idx.lineStarts[line];
    const end = idx.lineEnd(line);
    let s = text.slice(start, end);
    if (frozen[line]) {
      out[line] = s;
      continue;
    }
    const reps = replace.get(line);
    if (reps) {
      reps.sort((x, y) => y[0] - x[0]);
      for (const [a, b, r] of reps) s = s.slice(0, a - start) + r + s.slice(b - start);
    }
    const bom = line === 0 && s.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    if (bom) s = s.slice(1);
    let from = 0;
    while (from < s.length && isBlank(s.charCodeAt(from))) from++;
    let to = s.length;
    if (!openEnd[line]) while (to > from && isBlank(s.charCodeAt(to - 1))) to--;
    const d = depth[line];
    if (d >= 0) s = (indents[d] ??= INDENT.repeat(d)) + s.slice(from, to);
    else if (from === s.length) s = '';
    else if (to < s.length) s = s.slice(0, to);
    out[line] = bom ? bom + s : s;
  }
  return out;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function joinLines(text: string, parsed: ParseResult, lines: string[]): string {
  const idx = parsed.lineIndex;
  let out = '';
  for (let line = 0; line < lines.length; line++) {
    // keep each line's own ending (LF or CRLF) exactly
    const end = idx.lineEnd(line);
    const next = line + 1 < lines.length ? idx.lineStarts[line + 1] : text.length;
    out += lines[line] + text.slice(end, next);
  }
  return out;
}

/**
 * Whether two parses agree on everything formatting must keep: the tree (names,
 * arguments, keys, values as written, include paths, nesting), the comments
 * (trailing blanks aside) and the syntax findings. Compared node by node.
 */
export function sameTree(a: ParseResult, b: ParseResult): boolean {
  if (a.diagnostics.length !== b.diagnostics.length || a.document.comments.length !== b.document.comments.length) return false;
  for (let i = 0; i < a.diagnostics.length; i++) {
    const x = a.diagnostics[i];
    const y = b.diagnostics[i];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message) return false;
  }
  const trim = (t: string) => t.replace(/[ \t\r]+$/, '');
  for (let i = 0; i < a.document.comments.length; i++) {
    if (trim(a.document.comments[i].text) !== trim(b.document.comments[i].text)) return false;
  }
  const stack: [Node[], Node[]][] = [[a.document.children, b.document.children]];
  while (stack.length) {
    const [xs, ys] = stack.pop()!;
    if (xs.length !== ys.length) return false;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const y = ys[i];
      if (x.kind !== y.kind) return false;
      if (x.kind === 'element' && y.kind === 'element') {
        if (x.name !== y.name || x.arg !== y.arg || !x.closeRange !== !y.closeRange) return false;
        stack.push([x.children, y.children]);
      } else if (x.kind === 'param' && y.kind === 'param') {
        if (x.key !== y.key || !x.value !== !y.value) return false;
        if (x.value && y.value && (x.value.style !== y.value.style || x.value.raw !== y.value.raw || x.value.text !== y.value.text))
          return false;
      } else if (x.kind === 'include' && y.kind === 'include') {
        if (x.keyword !== y.keyword || x.path !== y.path) return false;
      }
    }
  }
  return true;
}
