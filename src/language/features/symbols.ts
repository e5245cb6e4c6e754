// Document symbols provider (the outline): directives with their argument and @type,
// nested sections below them, and, under each @include of a config whose tree is known,
// the files it reads with their own outline.
import { posix } from 'node:path';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { ConfigHost, SourceFile } from '../includes/host';
import { includeFiles } from '../includes/resolve';
import type { ElementNode, IncludeNode, Node } from '../parser/ast';
import type { Range } from '../types';
import { includes } from '../walk';
import type { DocumentContext } from '../whole-config/whole-config';

/** How deep the outline follows includes of includes. */
const OUTLINE_DEPTH = 4;

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

/** Adds, under each @include symbol of the outline, the files it reads and their directives. */
export function withIncludedFiles(symbols: DocumentSymbol[], ctx: DocumentContext): DocumentSymbol[] {
  const byRange = new Map<string, IncludeNode>();
  for (const inc of includes(ctx.self.parsed.document.children)) byRange.set(key(inc.range), inc);
  const visit = (list: DocumentSymbol[]) => {
    for (const s of list) {
      const inc = s.kind === SymbolKind.File ? byRange.get(key(s.range)) : undefined;
      if (inc) s.children = fileSymbols(ctx.self, inc, ctx.host, inc, [ctx.self.path], 1);
      else if (s.children) visit(s.children);
    }
  };
  visit(symbols);
  return symbols;
}

function fileSymbols(
  from: SourceFile,
  inc: IncludeNode,
  host: ConfigHost | undefined,
  anchor: IncludeNode,
  chain: string[],
  depth: number,
): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const f of includeFiles(from, inc, host)) {
    const name = posix.relative(posix.dirname(chain[0]), f.path) || posix.basename(f.path);
    const file = DocumentSymbol.create(name, f.path, SymbolKind.File, anchor.range, anchor.pathRange, []);
    if (!chain.includes(f.path) && depth <= OUTLINE_DEPTH) {
      // the file's own outline, pinned to the @include line (a symbol cannot point into another file)
      const inner = documentSymbols(f.parsed.document.children);
      const pin = (list: DocumentSymbol[]): DocumentSymbol[] =>
        list.map((s) => ({
          ...s,
          range: anchor.range,
          selectionRange: anchor.pathRange,
          children: s.children ? pin(s.children) : undefined,
        }));
      const nested = new Map<string, IncludeNode>();
      for (const n of includes(f.parsed.document.children)) nested.set(key(n.range), n);
      const expand = (list: DocumentSymbol[], original: DocumentSymbol[]) => {
        list.forEach((s, i) => {
          const n = original[i].kind === SymbolKind.File ? nested.get(key(original[i].range)) : undefined;
          if (n) s.children = fileSymbols(f, n, host, anchor, [...chain, f.path], depth + 1);
          else if (s.children && original[i].children) expand(s.children, original[i].children!);
        });
      };
      const pinned = pin(inner);
      expand(pinned, inner);
      file.children = pinned;
    }
    out.push(file);
  }
  return out;
}

function key(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
