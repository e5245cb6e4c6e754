// Shared, LSP-shaped value types of the language service. Plain data only: the
// LSP server converts nothing, the CLI prints them 1-based.

/** 0-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of a range of text (what formatting and quick fixes produce). */
export interface TextChange {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A finding about a config: what, where, and a stable code tools can match on. */
export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** Stable identifier, e.g. `unclosed-element`, `bad-escape`, `unknown-plugin`. */
  code: string;
  message: string;
  /** Extra places that explain the finding (e.g. the first `<label>` of a duplicate). */
  related?: { range: Range; message: string; uri?: string }[];
  /** Data a quick fix needs (e.g. the replacement name); opaque to the parser. */
  data?: unknown;
  /** Why, at length (Markdown), for findings whose message is only the short fact: shown by hover. */
  explanation?: string;
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function containsPosition(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** A finding moved down (or up) by whole lines: what an edit above it does (the same object when `lines` is 0). */
export function moveLines(d: Diagnostic, lines: number): Diagnostic {
  if (lines === 0) return d;
  const at = (r: Range): Range => ({
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
  const out: Diagnostic = { ...d, range: at(d.range) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: at(r.range) }));
  return out;
}
