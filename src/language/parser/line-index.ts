// Maps UTF-16 offsets in a text to LSP line/character positions and back.
import type { Position, Range } from '../types';

export class LineIndex {
  private starts: number[] | undefined;

  /** The text; changes only through edit(), when an incremental reparse moves its parse to a new version. */
  get text(): string {
    return this.current;
  }

  constructor(private current: string) {}

  /**
   * Moves the index to the next version of its text, where [start, oldEnd) of the old text
   * became [start, newEnd) of `text`: the line starts before the edit are kept, those after
   * it shifted, only the edited lines are looked at. Every node of the parse reads its
   * ranges through this one object, so they all follow (see reparse in parser.ts).
   */
  edit(text: string, start: number, oldEnd: number, newEnd: number): void {
    const old = this.starts;
    this.current = text;
    this.hint = 0;
    this.starts = old && editedLineStarts(old, text, start, oldEnd, newEnd);
  }

  /**
   * Offset at which each line starts; lineStarts[0] === 0. Built on first use: the
   * parser stores offsets only, so a parse that reports nothing never needs it.
   */
  get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Line of the last lookup: the parser asks in source order, so it is nearly always this one or the next. */
  private hint = 0;

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    const h = this.hint;
    if (offset >= starts[h]) {
      if (h + 1 >= starts.length || offset < starts[h + 1]) return { line: h, character: offset - starts[h] };
      if (h + 2 >= starts.length || offset < starts[h + 2]) {
        this.hint = h + 1;
        return { line: h + 1, character: offset - starts[h + 1] };
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { line: lo, character: offset - starts[lo] };
  }

  /**
   * A number that orders like the position against any offset of the text (as
   * positionAt places it): the offset where the position is in the text, else a half
   * step past its line (a character beyond the line), before the text or after it.
   * Lets a tree query compare a position with node offsets without building ranges.
   */
  order(pos: Position): number {
    const starts = this.lineStarts;
    if (pos.line < 0) return -0.5;
    if (pos.line >= starts.length) return this.text.length + 0.5;
    const start = starts[pos.line];
    // as far as positionAt counts characters on this line: up to its `\n` (a CR included)
    const last = pos.line + 1 < starts.length ? starts[pos.line + 1] - 1 : this.text.length;
    if (pos.character < 0) return start - 0.5;
    return pos.character <= last - start ? start + pos.character : last + 0.5;
  }

  /** Offset of the start of a line; past the text for a line after the last one. */
  lineStart(line: number): number {
    const starts = this.lineStarts;
    return line < 0 ? 0 : line < starts.length ? starts[line] : this.text.length + 1;
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset of the end of a line, before its `\n` (and before a `\r` of a CRLF). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > this.lineStarts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

function editedLineStarts(old: number[], text: string, start: number, oldEnd: number, newEnd: number): number[] {
  let i = 0;
  while (i < old.length && old[i] <= start) i++;
  const out = old.slice(0, i);
  for (let k = text.indexOf('\n', start); k !== -1 && k < newEnd; k = text.indexOf('\n', k + 1)) out.push(k + 1);
  while (i < old.length && old[i] <= oldEnd) i++;
  const delta = newEnd - oldEnd;
  for (; i < old.length; i++) out.push(old[i] + delta);
  return out;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}
