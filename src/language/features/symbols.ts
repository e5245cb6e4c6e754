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
/**
 * Symbols the included files may add to one outline. A tree whose folder links to itself
 * (`l -> .`) with `*\/*\/*.conf` and a folder of hundreds of files once gave a 14,000-symbol,
 * 4 MB outline per request; real trees add tens to a few hundred.
 */
export const MAX_INCLUDED_SYMBOLS = 2_000;

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

/** An @include symbol whose files are still to be listed under it. */
interface Pending {
  from: SourceFile;
  inc: IncludeNode;
  /** The @include line of the open document every symbol below it is pinned to. */
  anchor: IncludeNode;
  chain: string[];
  depth: number;
  into: DocumentSymbol;
}

/**
 * Adds, under each @include symbol of the outline, the files it reads and their directives.
 * Breadth first, within MAX_INCLUDED_SYMBOLS: the files an @include names are listed before
 * the includes inside them are followed, so a link cycle deep down cannot crowd them out.
 */
export function withIncludedFiles(symbols: DocumentSymbol[], ctx: DocumentContext): DocumentSymbol[] {
  const byRange = new Map<string, IncludeNode>();
  for (const inc of includes(ctx.self.parsed.document.children)) byRange.set(key(inc.range), inc);
  const queue: Pending[] = [];
  const visit = (list: DocumentSymbol[]) => {
    for (const s of list) {
      const inc = s.kind === SymbolKind.File ? byRange.get(key(s.range)) : undefined;
      if (inc) queue.push({ from: ctx.self, inc, anchor: inc, chain: [ctx.self.path], depth: 1, into: s });
      else if (s.children) visit(s.children);
    }
  };
  visit(symbols);
  const budget = { left: MAX_INCLUDED_SYMBOLS };
  for (let i = 0; i < queue.length; i++) queue[i].into.children = fileSymbols(queue[i], ctx.host, budget, queue);
  return symbols;
}

/** The files one @include reads, each with its own outline; the includes inside them are queued. */
function fileSymbols(p: Pending, host: ConfigHost | undefined, budget: { left: number }, queue: Pending[]): DocumentSymbol[] {
  const { anchor, chain, depth } = p;
  const out: DocumentSymbol[] = [];
  if (budget.left <= 0) return out; // the listing itself is work: not done once the outline is full
  const listed: [SourceFile, DocumentSymbol][] = [];
  for (const f of includeFiles(p.from, p.inc, host)) {
    if (budget.left <= 0) {
      const why = `the outline shows ${MAX_INCLUDED_SYMBOLS} included entries at most`;
      out.push(DocumentSymbol.create('…', why, SymbolKind.File, anchor.range, anchor.pathRange));
      break;
    }
    budget.left--;
    const name = posix.relative(posix.dirname(chain[0]), f.path) || posix.basename(f.path);
    const file = DocumentSymbol.create(name, f.path, SymbolKind.File, anchor.range, anchor.pathRange, []);
    listed.push([f, file]);
    out.push(file);
  }
  for (const [f, file] of listed) {
    const inner = !chain.includes(f.path) && depth <= OUTLINE_DEPTH ? documentSymbols(f.parsed.document.children) : [];
    const size = countSymbols(inner);
    if (!inner.length || size > budget.left) continue;
    budget.left -= size;
    // the file's own outline, pinned to the @include line (a symbol cannot point into another file)
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
        if (n) queue.push({ from: f, inc: n, anchor, chain: [...chain, f.path], depth: depth + 1, into: s });
        else if (s.children && original[i].children) expand(s.children, original[i].children!);
      });
    };
    const pinned = pin(inner);
    expand(pinned, inner);
    file.children = pinned;
  }
  return out;
}

function countSymbols(list: DocumentSymbol[]): number {
  let n = 0;
  const work = [list];
  while (work.length) {
    for (const s of work.pop()!) {
      n++;
      if (s.children) work.push(s.children);
    }
  }
  return n;
}

function key(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
