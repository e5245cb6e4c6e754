// Keeps the playground on its <source> while the config is edited: a position moved by the
// document's content changes (lines added or removed above it shift it; an edit on its line
// before it shifts its character). Pure: plain positions, no VS Code types.

export interface Pos {
  line: number;
  character: number;
}

export interface TextChange {
  range: { start: Pos; end: Pos };
  text: string;
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The position after the changes (applied in order, as VS Code reports them). */
export function shiftPosition(pos: Pos, changes: readonly TextChange[]): Pos {
  let p = pos;
  for (const c of changes) {
    if (!before(c.range.end, p)) {
      // the change starts after the position, or covers it: a covered position moves to the change's start
      if (before(c.range.start, p)) p = { ...c.range.start };
      continue;
    }
    const lines = c.text.split('\n');
    const added = lines.length - 1;
    const removed = c.range.end.line - c.range.start.line;
    if (c.range.end.line === p.line) {
      // the edit ends on the position's line: the rest of that line follows the inserted text
      const tail = p.character - c.range.end.character;
      const lastLen = lines[lines.length - 1].length;
      p = { line: p.line - removed + added, character: (added ? 0 : c.range.start.character) + lastLen + tail };
    } else p = { line: p.line - removed + added, character: p.character };
  }
  return p;
}
