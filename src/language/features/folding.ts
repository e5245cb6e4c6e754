// Folding ranges provider: every multi-line element, runs of comment lines, and multi-line values.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { Comment, Node } from '../parser/ast';

export function foldingRanges(nodes: Node[], comments: Comment[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  // depth first in source order, with an explicit stack: any nesting depth is safe
  const stack: Node[] = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'element') {
      // keep the end tag visible when it exists
      const end = n.closeRange ? n.closeRange.start.line - 1 : n.range.end.line;
      if (end > n.range.start.line) out.push(FoldingRange.create(n.range.start.line, end));
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    } else if (n.kind === 'param' && n.value && n.value.range.end.line > n.value.range.start.line) {
      out.push(FoldingRange.create(n.range.start.line, n.value.range.end.line));
    }
  }
  let runStart = -1;
  let prev = -2;
  for (const c of comments) {
    const line = c.range.start.line;
    if (line !== prev + 1) {
      if (runStart >= 0 && prev > runStart) out.push(FoldingRange.create(runStart, prev, undefined, undefined, FoldingRangeKind.Comment));
      runStart = line;
    }
    prev = line;
  }
  if (runStart >= 0 && prev > runStart) out.push(FoldingRange.create(runStart, prev, undefined, undefined, FoldingRangeKind.Comment));
  return out;
}
