// The outline: directives with their argument and @type, nested sections below them.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { ElementNode, Node } from './parser/ast';

const DIRECTIVE_KINDS: Record<string, SymbolKind> = {
  source: SymbolKind.Event,
  match: SymbolKind.Function,
  filter: SymbolKind.Operator,
  label: SymbolKind.Namespace,
  system: SymbolKind.Module,
  worker: SymbolKind.Module,
};

/**
 * Outline depth kept: deeper sections are left out of the outline (nobody reads a
 * 64-deep outline, and an unbounded tree would overflow JSON serialisation).
 */
export const MAX_OUTLINE_DEPTH = 64;

/** The outline of a list of nodes. Iterative, so any nesting depth is safe. */
export function documentSymbols(nodes: Node[]): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const work: { list: Node[]; into: DocumentSymbol[]; depth: number }[] = [{ list: nodes, into: roots, depth: 0 }];
  while (work.length) {
    const { list, into, depth } = work.pop()!;
    for (const node of list) {
      if (node.kind === 'element') {
        const symbol = elementSymbol(node);
        into.push(symbol);
        if (depth + 1 < MAX_OUTLINE_DEPTH && node.children.length) {
          symbol.children = [];
          work.push({ list: node.children, into: symbol.children, depth: depth + 1 });
        }
      } else if (node.kind === 'include') {
        into.push(DocumentSymbol.create(`@include ${node.path}`, undefined, SymbolKind.File, node.range, node.pathRange));
      }
    }
  }
  return roots;
}

/** The `@type` of an element, if it has one (also the deprecated `type`). */
export function typeOf(element: ElementNode): string | undefined {
  for (const child of element.children) {
    if (child.kind === 'param' && (child.key === '@type' || child.key === 'type')) return child.value?.text;
  }
  return undefined;
}

function elementSymbol(element: ElementNode): DocumentSymbol {
  const name = element.arg ? `<${element.name} ${element.arg}>` : `<${element.name}>`;
  const type = typeOf(element);
  const kind = DIRECTIVE_KINDS[element.name] ?? SymbolKind.Struct;
  return DocumentSymbol.create(name || '<>', type ? `@type ${type}` : undefined, kind, element.range, element.openRange);
}
