// Definition provider: `@label @X` → `<label @X>`, and `@include path` → the file(s).
// Across the whole config when the document's context is known; else within the file,
// with its includes globbed on disk.
import { Location, Range as LspRange } from 'vscode-languageserver-types';
import type { FileSystem } from '../file-system';
import { includeFiles } from '../includes/resolve';
import { staticValue } from '../includes/static-value';
import { GlobLimitError } from '../glob';
import { includeTargets } from '../includes/targets';
import type { Position } from '../types';
import { containsPosition } from '../types';
import { pathToUri } from '../uri';
import { labelDefinitions, nodeAt, type ParsedTree } from '../walk';
import type { DocumentContext } from '../whole-config/whole-config';

const START = LspRange.create(0, 0, 0, 0);

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

/** Definition within one file: its own labels, its includes globbed through `fs`. */
export function definition(uri: string, parsed: ParsedTree, pos: Position, fs: FileSystem | undefined): Location[] {
  const nodes = parsed.document.children;
  const { node } = nodeAt(parsed, pos);
  if (!node) return [];
  if (node.kind === 'param' && node.key === '@label' && node.value && containsPosition(node.value.range, pos)) {
    const name = node.value.text;
    return labelDefinitions(nodes, name).map((r) => Location.create(uri, r));
  }
  if (node.kind === 'include' && fs) {
    let targets: string[];
    try {
      targets = includeTargets(uri, node, fs);
    } catch (err) {
      if (err instanceof GlobLimitError) return []; // too many files to jump to
      throw err;
    }
    return targets.map((p) => Location.create(pathToUri(p), LspRange.create(0, 0, 0, 0)));
  }
  return [];
}
