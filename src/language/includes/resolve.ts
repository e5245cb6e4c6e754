// One @include → the files Fluentd reads for it (V1Parser#eval_include): a path or
// glob relative to the including file's directory (absolute and file:// too),
// Dir.glob(…).sort; http(s) URLs are fetched at start-up and stay unknown here.
import { posix } from 'node:path';
import { GlobLimitError } from '../glob';
import type { IncludeNode } from '../parser/ast';
import type { ConfigHost, SourceFile } from './host';
import { includePath } from './static-value';
import { Memo } from '../memo';

export type IncludeResolution =
  /** The files, in the order Fluentd reads them. */
  | { kind: 'files'; pattern: string; paths: string[] }
  /** A pattern no file matches: Fluentd skips it without a word. */
  | { kind: 'nothing'; pattern: string }
  /** Cannot be known here (a URL, Ruby we cannot evaluate, no file access; `limit`: a glob over its budget). */
  | { kind: 'unknown'; reason: string; pattern?: string; limit?: true };

/** The absolute glob an @include names, or the reason it cannot be known. */
export function includePattern(
  from: SourceFile | undefined,
  include: IncludeNode,
  host?: Pick<ConfigHost, 'evaluateIncludePath'>,
): { pattern: string } | { unknown: string } {
  // what a node says depends on its own text and its file's directory only, unless the host
  // evaluates Ruby: kept per node (a node an incremental reparse took over is the same object)
  if (host?.evaluateIncludePath) return patternOf(from, include, host);
  const known = PATTERNS.get(include);
  if (known && known.from === from?.path) return known.pattern;
  const pattern = patternOf(from, include, host);
  PATTERNS.set(include, { from: from?.path, pattern });
  return pattern;
}

const PATTERNS = new Memo<IncludeNode, { from: string | undefined; pattern: { pattern: string } | { unknown: string } }>();

function patternOf(
  from: SourceFile | undefined,
  include: IncludeNode,
  host?: Pick<ConfigHost, 'evaluateIncludePath'>,
): { pattern: string } | { unknown: string } {
  let path = include.path;
  if (from) {
    const offset = from.parsed.lineIndex.offsetAt(include.pathRange.start);
    const evaluated = includePath(include, from.text, offset, host?.evaluateIncludePath?.bind(host));
    if (evaluated === undefined) return { unknown: 'the path is computed by Ruby code at start-up' };
    path = evaluated;
  } else if (path.includes('#{')) return { unknown: 'the path is computed by Ruby code at start-up' };
  if (!path) return { unknown: 'no path' };
  if (/^https?:\/\//i.test(path)) return { unknown: 'Fluentd fetches URLs at start-up' };
  if (path.startsWith('file://')) path = path.slice('file://'.length);
  // Fluentd reads the path as a URI: '+' and %XX are decoded (spaces were turned into '+')
  try {
    path = decodeURIComponent(path.replace(/\+/g, ' '));
  } catch {
    // a lone '%' stays as written
  }
  if (!posix.isAbsolute(path)) {
    if (!from) return { unknown: 'an unsaved file has no directory to resolve relative paths from' };
    path = posix.join(posix.dirname(from.path), path);
  }
  return { pattern: posix.normalize(path) };
}

export function resolveInclude(from: SourceFile | undefined, include: IncludeNode, host: ConfigHost | undefined): IncludeResolution {
  const p = includePattern(from, include, host);
  if ('unknown' in p) return { kind: 'unknown', reason: p.unknown };
  if (!host) return { kind: 'unknown', reason: 'files are not accessible here', pattern: p.pattern };
  let paths: string[] | undefined;
  try {
    paths = host.glob(p.pattern);
  } catch (err) {
    if (!(err instanceof GlobLimitError)) throw err;
    return { kind: 'unknown', reason: err.message, pattern: p.pattern, limit: true };
  }
  if (paths === undefined) return { kind: 'unknown', reason: 'files are not accessible here', pattern: p.pattern };
  if (paths.length) return { kind: 'files', pattern: p.pattern, paths };
  if (host.unmatched === 'unknown')
    return { kind: 'unknown', reason: 'no such key in this ConfigMap (the file may come from the image)', pattern: p.pattern };
  return { kind: 'nothing', pattern: p.pattern };
}

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
