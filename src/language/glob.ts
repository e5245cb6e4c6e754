// Ruby Dir.glob semantics for @include patterns: `*` and `?` within one path segment,
// `**/` across directories, `[abc]` classes and `{a,b}` alternatives. Pure: the
// directory listing is a callback.
import { posix } from 'node:path';

export interface DirLister {
  /** Entries of a directory, or undefined when it cannot be read. */
  list(dir: string): { name: string; isDirectory: boolean }[] | undefined;
}

/** Expands `{a,b}` alternatives (nested allowed) into plain patterns. */
export function expandBraces(pattern: string): string[] {
  const open = findTopLevelBrace(pattern);
  if (!open) return [pattern];
  const [start, end, parts] = open;
  const out: string[] = [];
  for (const part of parts) out.push(...expandBraces(pattern.slice(0, start) + part + pattern.slice(end + 1)));
  return out;
}

function findTopLevelBrace(p: string): [number, number, string[]] | undefined {
  const start = p.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let partStart = start + 1;
  const parts: string[] = [];
  for (let i = start; i < p.length; i++) {
    const c = p[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        parts.push(p.slice(partStart, i));
        return [start, i, parts];
      }
    } else if (c === ',' && depth === 1) {
      parts.push(p.slice(partStart, i));
      partStart = i + 1;
    }
  }
  return undefined;
}

/** A regular expression for one path segment (`*`, `?`, `[…]`); dotfiles need an explicit dot. */
export function segmentToRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let body = segment.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const leadingDotOk = segment.startsWith('.');
  return new RegExp(`^${leadingDotOk ? '' : '(?!\\.)'}${re}$`);
}

const isMagic = (s: string) => /[*?[]/.test(s);

/** Absolute matches of an absolute glob pattern, sorted and de-duplicated. */
export function glob(pattern: string, fs: DirLister): string[] {
  const results = new Set<string>();
  for (const p of expandBraces(pattern)) {
    const segments = posix
      .normalize(p)
      .split('/')
      .filter((s, i) => s !== '' || i === 0);
    walk('/', segments.slice(1), fs, results);
  }
  return [...results].sort();
}

function walk(dir: string, rest: string[], fs: DirLister, out: Set<string>): void {
  if (rest.length === 0) return;
  const [seg, ...tail] = rest;
  if (seg === '**') {
    // zero or more directories
    walk(dir, tail, fs, out);
    for (const e of fs.list(dir) ?? []) {
      if (e.isDirectory && !e.name.startsWith('.')) walk(posix.join(dir, e.name), rest, fs, out);
    }
    return;
  }
  if (!isMagic(seg)) {
    const next = posix.join(dir, seg);
    if (tail.length === 0) {
      const entries = fs.list(dir);
      if (entries?.some((e) => e.name === seg && !e.isDirectory)) out.add(next);
    } else walk(next, tail, fs, out);
    return;
  }
  const re = segmentToRegExp(seg);
  for (const e of fs.list(dir) ?? []) {
    if (!re.test(e.name)) continue;
    const next = posix.join(dir, e.name);
    if (tail.length === 0) {
      if (!e.isDirectory) out.add(next);
    } else if (e.isDirectory) walk(next, tail, fs, out);
  }
}
