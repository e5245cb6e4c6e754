// Small tree queries shared by the features.
import type { Position, Range } from './types';
import type { ElementNode, IncludeNode, Node, ParamNode } from './parser/ast';
import type { ParseResult } from './parser';

/** What a tree query needs of a parse. */
export type ParsedTree = Pick<ParseResult, 'document' | 'lineIndex'>;

/** Every element, depth first, in source order. Iterative: deep nesting is fine. */
export function* elements(nodes: readonly Node[]): Generator<ElementNode> {
  const stack: (readonly Node[])[] = [nodes];
  const index: number[] = [0];
  while (stack.length) {
    const top = stack.length - 1;
    const list = stack[top];
    if (index[top] >= list.length) {
      stack.pop();
      index.pop();
      continue;
    }
    const node = list[index[top]++];
    if (node.kind === 'element') {
      yield node;
      stack.push(node.children);
      index.push(0);
    }
  }
}

export function* includes(nodes: readonly Node[]): Generator<IncludeNode> {
  for (const n of nodes) if (n.kind === 'include') yield n;
  for (const e of elements(nodes)) for (const n of e.children) if (n.kind === 'include') yield n;
}

/**
 * The innermost node whose range holds the position, and its element ancestors.
 * Compares offsets (LineIndex.order), so no range is built for the nodes it passes.
 */
export function nodeAt(parsed: ParsedTree, pos: Position): { node?: Node; element?: ElementNode } {
  const at = parsed.lineIndex.order(pos);
  let list = parsed.document.children;
  let element: ElementNode | undefined;
  for (;;) {
    const hit = list.find((n) => n.start <= at && at <= n.end);
    if (!hit) return { element };
    if (hit.kind !== 'element') return { node: hit, element };
    element = hit;
    // on the tags themselves the element is the node
    if (at <= hit.openEnd || (hit.closeStart >= 0 && hit.closeStart <= at && at <= hit.closeEnd)) {
      return { node: hit, element: hit.parent };
    }
    list = hit.children;
  }
}

export function param(element: ElementNode, ...keys: string[]): ParamNode | undefined {
  for (const c of element.children) if (c.kind === 'param' && keys.includes(c.key)) return c;
  return undefined;
}

/** The start tags of the `<label name>` elements among the nodes. */
export function labelDefinitions(nodes: Node[], name: string): Range[] {
  const out: Range[] = [];
  for (const e of elements(nodes)) if (e.name === 'label' && e.arg === name) out.push(e.openRange);
  return out;
}
