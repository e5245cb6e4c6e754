// The files an @include names on a file system, without a config host: the fallback of
// go-to-definition and what the deploy command collects.
import { posix } from 'node:path';
import type { FileSystem } from '../file-system';
import type { IncludeNode } from '../parser/ast';
import { uriToPath } from '../uri';

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
