// Service positions (0-based line, UTF-16 column) -> what the CLI prints: 1-based line
// and 1-based column in characters (code points), which editors and grep-style tools
// expect; the two differ only after astral characters such as emoji.
import { LineIndex } from '../language/parser';
import type { Diagnostic, Position, Severity } from '../language/types';

/** One finding as the CLI reports it (this is also the JSON shape). */
export interface CliDiagnostic {
  severity: Severity;
  line: number;
  column: number;
  /** Line and column just past the end of the finding (SARIF's convention). */
  endLine: number;
  endColumn: number;
  code: string;
  message: string;
}

export class ColumnMapper {
  private readonly index: LineIndex;
  private readonly plainLines = new Map<number, boolean>();

  constructor(text: string) {
    this.index = new LineIndex(text);
  }

  /** 1-based line and code-point column of a 0-based UTF-16 position. */
  toOneBased(pos: Position): { line: number; column: number } {
    const { lineStarts, text } = this.index;
    const line = Math.min(Math.max(0, pos.line), lineStarts.length - 1);
    const start = lineStarts[line];
    // the line's end before its '\n' (a CRLF's '\r' still counts as a column)
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    const offset = pos.line > line ? end : Math.min(start + Math.max(0, pos.character), end);
    if (this.isPlain(line, start, end)) return { line: line + 1, column: offset - start + 1 };
    let column = 1;
    for (let i = start; i < offset; i++) {
      const c = text.charCodeAt(i);
      // a surrogate pair is one character
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      column++;
    }
    return { line: line + 1, column };
  }

  convert(d: Diagnostic): CliDiagnostic {
    const s = this.toOneBased(d.range.start);
    const e = this.toOneBased(d.range.end);
    return {
      severity: d.severity,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      code: d.code,
      message: d.message,
    };
  }

  /** Whether a line has no surrogates, so UTF-16 columns are character columns. */
  private isPlain(line: number, start: number, end: number): boolean {
    let plain = this.plainLines.get(line);
    if (plain === undefined) {
      plain = !/[\ud800-\udfff]/.test(this.index.text.slice(start, end));
      this.plainLines.set(line, plain);
    }
    return plain;
  }
}
