// Editor features of the include graph: document links and go-to-definition on
// @include paths (and on @label values defined in another file of the config), and
// the outline of a root showing each included file under its @include.
import { DocumentLink, DocumentSymbol, Location, Range as LspRange, SymbolKind } from 'vscode-languageserver-types';
import { posix } from 'node:path';
import type { IncludeNode } from '../parser/ast';
import { documentSymbols } from '../symbols';
import type { Position, Range } from '../types';
import { containsPosition } from '../types';
import { includes, nodeAt } from '../walk';
import { staticValue } from './static-value';
import type { ConfigHost, SourceFile } from './host';
import { resolveInclude } from './resolve';
import type { DocumentContext } from '../whole-config/whole-config';

const START = LspRange.create(0, 0, 0, 0);
/** How deep the outline follows includes of includes. */
const OUTLINE_DEPTH = 4;

/** The files an @include names (as the host sees them). */
export function includeFiles(from: SourceFile, include: IncludeNode, host: ConfigHost | undefined): SourceFile[] {
  const r = resolveInclude(from, include, host);
  if (r.kind !== 'files' || !host) return [];
  const out: SourceFile[] = [];
  for (const p of r.paths) {
    const f = host.file(p);
    if (f) out.push(f);
  }
  return out;
}

export function documentLinks(ctx: DocumentContext): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const inc of includes(ctx.self.parsed.document.children)) {
    const files = includeFiles(ctx.self, inc, ctx.host);
    if (!files.length) continue;
    const tooltip =
      files.length === 1
        ? `Open ${files[0].path}`
        : `${files.length} files: ${files.map((f) => posix.basename(f.path)).join(', ')} (go to definition lists them all)`;
    const link = DocumentLink.create(inc.pathRange, files[0].uri);
    link.tooltip = tooltip;
    out.push(link);
  }
  return out;
}

/** Definition across the config: @include → its files; @label → the <label> wherever it is. */
export function definitionAt(ctx: DocumentContext, pos: Position): Location[] | undefined {
  const { node } = nodeAt(ctx.self.parsed, pos);
  if (!node) return undefined;
  if (node.kind === 'include' && containsPosition(node.range, pos)) {
    const files = includeFiles(ctx.self, node, ctx.host);
    return files.length ? files.map((f) => Location.create(f.uri, START)) : undefined;
  }
  if (node.kind === 'param' && node.key === '@label' && node.value && containsPosition(node.value.range, pos)) {
    const name = staticValue(node.value);
    const defs = name === undefined ? undefined : ctx.tree.labels.get(name);
    return defs?.length ? defs.map((d) => Location.create(d.file.uri, d.node.openRange)) : undefined;
  }
  return undefined;
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
