// Go to definition: `@label @X` → `<label @X>`, and `@include path` → the file(s).
import { posix } from 'node:path';
import { Location, Range as LspRange } from 'vscode-languageserver-types';
import type { FileSystem } from './file-system';
import { GlobLimitError } from './glob';
import type { IncludeNode, Node } from './parser/ast';
import type { Position } from './types';
import { containsPosition } from './types';
import { pathToUri, uriToPath } from './uri';
import { elements, nodeAt, type ParsedTree } from './walk';

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

export function labelDefinitions(nodes: Node[], name: string) {
  const out = [];
  for (const e of elements(nodes)) if (e.name === 'label' && e.arg === name) out.push(e.openRange);
  return out;
}

/** Files an @include names, resolved like Fluentd: relative to the including file, globbed, sorted; GlobLimitError past the glob budget. */
export function includeTargets(uri: string, include: IncludeNode, fs: FileSystem): string[] {
  const file = uriToPath(uri);
  let pattern = include.path.startsWith('file://') ? include.path.slice('file://'.length) : include.path;
  if (/^https?:\/\//.test(pattern)) return [];
  if (!posix.isAbsolute(pattern)) {
    if (!file) return [];
    pattern = posix.join(posix.dirname(file), pattern);
  }
  return fs.glob(pattern);
}
