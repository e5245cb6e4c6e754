// Ruby Dir.glob semantics for @include patterns (Fluentd reads them with Dir.glob(…).sort):
// `*` and `?` within one path segment, `[abc]` classes, `\` escapes, `{a,b}` alternatives,
// and `**/` for zero or more directories. Pure: the directory listing is a callback.
//
// Symbolic links, as Ruby 3.1 (Fluentd 1.16.5's) does it, recorded in
// test/fixtures/glob/ruby-dir-glob-symlinks.json: `**/` descends into real directories
// only, never through a link to a directory (so two self-links cannot make it loop); a
// link is followed where a literal or `*`/`?`/`[…]` segment names it, as any path is.
// A hostile tree can still make a pattern of many `*/` segments expensive, and `{…}`
// multiplies patterns: every glob has a budget (patterns, directories listed, matches)
// and throws GlobLimitError past it rather than run for minutes.
import { posix } from 'node:path';

export interface DirEntry {
  name: string;
  /** A directory, or a link to one. */
  isDirectory: boolean;
  /** The entry is a symbolic link (to a directory when isDirectory): `**` does not descend into it. */
  isSymbolicLink?: boolean;
}

export interface DirLister {
  /** Entries of a directory, or undefined when it cannot be read. */
  list(dir: string): DirEntry[] | undefined;
  /** What makes a directory the same directory by another path (device and inode); lets `**` stop at a loop (bind mounts). */
  identity?(dir: string): string | undefined;
}

export interface GlobLimits {
  /** Patterns after `{a,b}` expansion. */
  patterns: number;
  /** Paths matched by one glob. */
  matches: number;
}

/** Far above any real config tree (Fluentd's own conf.d holds tens of files). */
export const GLOB_LIMITS: GlobLimits = { patterns: 256, matches: 2_000 };

/**
 * What globs may still list: folders and the entries in them. One budget is shared by
 * every glob of one request (a config with ten `*\/*\/*.conf` includes through a link to
 * /tmp must not list /tmp ten times over); spent as listed, never refilled.
 */
export interface GlobBudget {
  listings: number;
  entries: number;
}

/** A few hundred folders of a config tree, listed in a few ms each at most. */
export function globBudget(listings = 500, entries = 20_000): GlobBudget {
  return { listings, entries };
}

/** A glob that would cost more than GlobLimits allow; nothing it found is returned. */
export class GlobLimitError extends Error {
  override readonly name = 'GlobLimitError';
  constructor(message: string) {
    // thrown for every glob of a request once its budget is spent: no stack trace to capture
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** Segments beyond this: no real path is that deep (PATH_MAX is 4096 bytes). */
const MAX_SEGMENTS = 512;

/** Expands `{a,b}` alternatives (nested allowed) into plain patterns, in Ruby's order; GlobLimitError past `max` patterns. */
export function expandBraces(pattern: string, max: number = GLOB_LIMITS.patterns): string[] {
  const out: string[] = [];
  const work = [pattern];
  // each step expands one brace group: a pattern of thousands of them is no include path
  let steps = 0;
  while (work.length) {
    const p = work.pop()!;
    const open = findTopLevelBrace(p);
    if (!open) {
      out.push(p);
      if (out.length > max) throw new GlobLimitError(`the pattern expands to more than ${max} alternatives`);
      continue;
    }
    if (++steps > max * 8) throw new GlobLimitError(`the pattern has too many {…} alternatives`);
    const [start, end, parts] = open;
    for (let i = parts.length - 1; i >= 0; i--) work.push(p.slice(0, start) + parts[i] + p.slice(end + 1));
  }
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

type Token =
  | { k: 'char'; c: string }
  | { k: 'any' }
  | { k: 'star' }
  /** `[…]`: single characters and ranges; `neg` for `[!…]` / `[^…]`. */
  | { k: 'set'; neg: boolean; chars: string[]; ranges: [number, number][] };

function parseSegment(segment: string): Token[] {
  const chars = Array.from(segment); // `?` is one character, not one UTF-16 unit
  const out: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) out.push({ k: 'char', c: chars[++i] });
    else if (c === '*') {
      if (out[out.length - 1]?.k !== 'star') out.push({ k: 'star' });
    } else if (c === '?') out.push({ k: 'any' });
    else if (c === '[') {
      const set = parseSet(chars, i + 1);
      if (set) {
        out.push(set.token);
        i = set.end;
      } else out.push({ k: 'char', c: '[' }); // unclosed: literal
    } else out.push({ k: 'char', c });
  }
  return out;
}

function parseSet(chars: string[], from: number): { token: Token; end: number } | undefined {
  let i = from;
  const neg = chars[i] === '!' || chars[i] === '^';
  if (neg) i++;
  const single: string[] = [];
  const ranges: [number, number][] = [];
  let first = true;
  for (; i < chars.length; i++) {
    let c = chars[i];
    if (c === ']' && !first) return { token: { k: 'set', neg, chars: single, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < chars.length) c = chars[++i];
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      let hi = chars[i + 2];
      i += 2;
      if (hi === '\\' && i + 1 < chars.length) hi = chars[++i];
      ranges.push([c.codePointAt(0)!, hi.codePointAt(0)!]); // a reversed range matches nothing, as in Ruby
    } else single.push(c);
  }
  return undefined;
}

function oneMatches(t: Token, c: string): boolean {
  if (t.k === 'char') return t.c === c;
  if (t.k === 'any') return c !== '/';
  if (t.k === 'set') {
    const cp = c.codePointAt(0)!;
    const hit = t.chars.includes(c) || t.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
    return hit !== t.neg && c !== '/';
  }
  return false;
}

/**
 * Tests one path segment (a file or directory name) against a glob segment (`*`, `?`,
 * `[…]`, `\`), in time linear in name × pattern whatever the pattern: the greedy match
 * with one backtracking point, which is exact when every token but `*` is one character.
 * A leading dot is matched only by a literal dot.
 */
export function segmentMatcher(segment: string): { test(name: string): boolean } {
  const toks = parseSegment(segment);
  const literalDot = toks[0]?.k === 'char' && toks[0].c === '.';
  return {
    test(name: string): boolean {
      if (name.startsWith('.') && !literalDot) return false;
      const s = Array.from(name);
      let p = 0;
      let i = 0;
      let starP = -1;
      let starI = 0;
      while (i < s.length) {
        const t = toks[p];
        if (t && t.k === 'star') {
          starP = p++;
          starI = i;
        } else if (t && oneMatches(t, s[i])) {
          p++;
          i++;
        } else if (starP >= 0) {
          p = starP + 1;
          i = ++starI;
        } else return false;
      }
      while (toks[p]?.k === 'star') p++;
      return p === toks.length;
    },
  };
}

/** A lookup that may give up: the glob's matches, or none when it is over its budget. */
export function globOrNothing(
  fs: { glob(pattern: string, budget?: GlobBudget): string[] },
  pattern: string,
  budget?: GlobBudget,
): string[] {
  try {
    return fs.glob(pattern, budget);
  } catch (err) {
    if (err instanceof GlobLimitError) return [];
    throw err;
  }
}

const DOT: DirEntry = { name: '.', isDirectory: true };

const isMagic = (s: string) => /[*?[\\]/.test(s);

/** Absolute matches of an absolute glob pattern, sorted and de-duplicated; GlobLimitError past `limits` or the budget. */
export function glob(pattern: string, fs: DirLister, limits: GlobLimits = GLOB_LIMITS, budget: GlobBudget = globBudget()): string[] {
  const walker = new Walker(fs, limits, budget);
  const alternatives = expandBraces(pattern, limits.patterns);
  // each alternative is a walk of its own, over listings already made too: work the budget counts
  walker.spend(alternatives.length);
  for (const p of alternatives) {
    const segments = posix
      .normalize(p)
      .split('/')
      .filter((s, i) => s !== '' || i === 0);
    if (segments.length > MAX_SEGMENTS) throw new GlobLimitError(`the pattern has more than ${MAX_SEGMENTS} path segments`);
    walker.walk('/', segments, 1);
  }
  return [...walker.results].sort();
}

class Walker {
  readonly results = new Set<string>();
  private readonly listings = new Map<string, DirEntry[] | undefined>();
  private readonly matchers = new Map<string, { test(name: string): boolean }>();
  /** The directories `**` is inside of, by identity: a loop of bind mounts ends here. */
  private readonly ancestors = new Set<string>();

  constructor(
    private readonly fs: DirLister,
    private readonly limits: GlobLimits,
    private readonly budget: GlobBudget,
  ) {}

  private list(dir: string): DirEntry[] {
    if (this.listings.has(dir)) return this.listings.get(dir) ?? [];
    if (this.budget.listings <= 0 || this.budget.entries <= 0) throw new GlobLimitError('the folders to list are too many');
    this.budget.listings--;
    const entries = this.fs.list(dir);
    this.listings.set(dir, entries);
    this.budget.entries -= entries?.length ?? 0;
    return entries ?? [];
  }

  /**
   * Work done on listings already made (an alternative walked, an entry tested) is spent
   * from the entries budget too: a request whose root search follows a link cycle through
   * hundreds of 256-alternative globs, all listing the same folder, once took seconds.
   */
  spend(n: number): void {
    this.budget.entries -= n;
    if (this.budget.entries < 0) throw new GlobLimitError('the patterns take too much work (alternatives and folders walked)');
  }

  private add(path: string): void {
    this.results.add(path);
    if (this.results.size > this.limits.matches) throw new GlobLimitError(`the pattern matches more than ${this.limits.matches} files`);
  }

  private matcher(seg: string) {
    let m = this.matchers.get(seg);
    if (!m) this.matchers.set(seg, (m = segmentMatcher(seg)));
    return m;
  }

  walk(dir: string, segs: string[], i: number): void {
    // literal segments need no listing until the last one
    while (i < segs.length - 1 && !isMagic(segs[i]) && segs[i] !== '**') dir = posix.join(dir, segs[i++]);
    if (i >= segs.length) return;
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg === '**' && !last) {
      this.recurse(dir, segs, i);
      return;
    }
    if (!isMagic(seg) && seg !== '**') {
      // the last segment, literal: the file itself (directories are not included files)
      this.spend(1);
      if (this.list(dir).some((e) => e.name === seg && !e.isDirectory)) this.add(posix.join(dir, seg));
      return;
    }
    // a trailing `**` is a plain `*`, as in Ruby
    const m = this.matcher(seg === '**' ? '*' : seg);
    // Ruby 3.1 lets a pattern with a leading dot match the `.` entry (`conf/.*/x.conf` reads conf/./x.conf), never `..`
    const entries = seg.startsWith('.') ? [DOT, ...this.list(dir)] : this.list(dir);
    this.spend(entries.length);
    for (const e of entries) {
      if (!m.test(e.name)) continue;
      const next = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
      if (last) {
        if (!e.isDirectory) this.add(next);
      } else if (e.isDirectory) this.walk(next, segs, i + 1);
    }
  }

  /** `**` at segs[i]: the rest of the pattern here and in every real, non-hidden directory below. */
  private recurse(dir: string, segs: string[], i: number): void {
    const id = this.fs.identity?.(dir);
    // a directory that is its own ancestor (a bind mount of a parent): the descent stops
    if (id !== undefined) {
      if (this.ancestors.has(id)) return;
      this.ancestors.add(id);
    }
    try {
      this.walk(dir, segs, i + 1);
      for (const e of this.list(dir)) {
        if (!e.isSymbolicLink && !e.name.startsWith('.') && e.isDirectory) this.recurse(posix.join(dir, e.name), segs, i);
      }
    } finally {
      if (id !== undefined) this.ancestors.delete(id);
    }
  }
}
