// Where the cursor is, for completion: the element whose body holds it (robust on
// unclosed elements and half-typed tags) and what is being typed on its line.
import type { ParseResult } from '../../parser';
import type { ElementNode, ParamNode } from '../../parser/ast';
import type { Position, Range } from '../../types';
import type { ParsedTree } from '../../walk';

export type Slot =
  /** `<na|` or `</na|`: an element name. */
  | { kind: 'elementName'; closing: boolean; typed: string; replace: Range }
  /** `<match a.b |`: the argument of a start tag. */
  | { kind: 'elementArg'; name: string; arg: string; token: string; replace: Range }
  /** `  ke|` on an empty line or a lone word: a parameter key (or an element at that place). */
  | { kind: 'key'; typed: string; replace: Range; valueFollows: boolean }
  /** `  key va|`: the value of `key`. */
  | { kind: 'value'; key: string; typed: string; replace: Range }
  | { kind: 'none' };

export interface CursorContext {
  /** The element whose body holds the cursor; undefined at root. */
  element?: ElementNode;
  slot: Slot;
  /** Indentation of the cursor's line. */
  indent: string;
}

/**
 * The innermost element whose body holds the position: after its start tag's line,
 * before its end tag (an unclosed element reaches as far as its parent). An element
 * whose start tag is on the cursor's line does not count: the cursor is on the tag.
 */
export function enclosingElement(parsed: ParsedTree, pos: Position): ElementNode | undefined {
  // offsets, not ranges: this passes every top-level element before the cursor
  const at = parsed.lineIndex.order(pos);
  const lineStart = parsed.lineIndex.lineStart(pos.line);
  let list = parsed.document.children;
  let found: ElementNode | undefined;
  for (;;) {
    let next: ElementNode | undefined;
    for (const n of list) {
      if (n.kind !== 'element') continue;
      if (n.start > at) break;
      if (n.openEnd >= lineStart) continue; // the start tag ends on the cursor's line or later
      if (n.closeStart >= 0 && at > n.closeStart) continue;
      next = n;
    }
    if (!next) return found;
    found = next;
    list = next.children;
  }
}

/** The parameter whose multi-line value (JSON, double-quoted) holds the position past its first line. */
function insideMultilineValue(parsed: ParsedTree, pos: Position): ParamNode | undefined {
  const at = parsed.lineIndex.order(pos);
  const lineStart = parsed.lineIndex.lineStart(pos.line);
  let list = parsed.document.children;
  for (;;) {
    let descend: ElementNode | undefined;
    for (const n of list) {
      if (n.start > at) break;
      if (n.end < at) continue;
      if (n.kind === 'param' && n.value && n.value.start < lineStart && at <= n.value.end) return n;
      if (n.kind === 'element') descend = n;
    }
    if (!descend) return undefined;
    list = descend.children;
  }
}

export function cursorContext(text: string, parsed: ParseResult, pos: Position): CursorContext {
  const idx = parsed.lineIndex;
  const line = Math.min(pos.line, idx.lineCount - 1);
  const lineStart = idx.lineStarts[line];
  const lineEnd = idx.lineEnd(line);
  const lineText = text.slice(lineStart, lineEnd).replace(/^\ufeff/, '');
  const bom = text.slice(lineStart, lineEnd).length - lineText.length;
  const ch = Math.max(0, Math.min(pos.character - bom, lineText.length));
  const before = lineText.slice(0, ch);
  const after = lineText.slice(ch);
  const indent = /^[ \t]*/.exec(lineText)![0];
  const element = enclosingElement(parsed, { line, character: pos.character });
  const at = (c: number): Position => ({ line, character: c + bom });
  const ctx = (slot: Slot): CursorContext => ({ element, slot, indent });

  if (insideMultilineValue(parsed, pos)) return ctx({ kind: 'none' });
  // in a comment: nothing to offer
  if (/(^|[ \t])#/.test(before) && !/^\s*<\w+\s/.test(before)) return ctx({ kind: 'none' });

  const wordAfter = /^[\w.@-]*/.exec(after)![0];
  let m: RegExpExecArray | null;
  if ((m = /^([ \t]*)<(\/?)(\w*)$/.exec(before))) {
    const start = m[1].length;
    let end = ch + wordAfter.length;
    if (lineText[end] === '>') end++;
    return ctx({ kind: 'elementName', closing: m[2] === '/', typed: m[3], replace: { start: at(start), end: at(end) } });
  }
  if ((m = /^[ \t]*<(\w+)[ \t]+([^>]*)$/.exec(before))) {
    const arg = m[2];
    const token = /[^\s,]*$/.exec(arg)![0];
    const tokenAfter = /^[^\s,>]*/.exec(after)![0];
    return ctx({
      kind: 'elementArg',
      name: m[1],
      arg,
      token,
      replace: { start: at(ch - token.length), end: at(ch + tokenAfter.length) },
    });
  }
  if ((m = /^([ \t]*)([^\s<]*)$/.exec(before))) {
    const start = m[1].length;
    const valueFollows = /^[\w.@-]*[ \t]+\S/.test(after);
    return ctx({ kind: 'key', typed: m[2], replace: { start: at(start), end: at(ch + wordAfter.length) }, valueFollows });
  }
  if ((m = /^[ \t]*([^\s<]+)[ \t]+(.*)$/.exec(before))) {
    const typed = m[2];
    const valueEnd = after.replace(/[ \t]+#.*$/, '').replace(/[ \t]+$/, '').length;
    return ctx({ kind: 'value', key: m[1], typed, replace: { start: at(ch - typed.length), end: at(ch + valueEnd) } });
  }
  return ctx({ kind: 'none' });
}
