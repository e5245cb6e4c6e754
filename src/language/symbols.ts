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

export function documentSymbols(nodes: Node[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const node of nodes) {
    if (node.kind === 'element') out.push(elementSymbol(node));
    else if (node.kind === 'include') {
      out.push(DocumentSymbol.create(`@include ${node.path}`, undefined, SymbolKind.File, node.range, node.pathRange));
    }
  }
  return out;
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
  return DocumentSymbol.create(
    name || '<>',
    type ? `@type ${type}` : undefined,
    kind,
    element.range,
    element.openRange,
    documentSymbols(element.children),
  );
}
