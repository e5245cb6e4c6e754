// Where the include graph gets its files: a ConfigHost lists and reads parsed
// configs by absolute POSIX path. The disk host (LSP server, CLI) reads through the
// FileSystem interface with open editor buffers laid over it; the ConfigMap host
// (yaml/) serves the keys of one ConfigMap as the files of one directory.
import { posix } from 'node:path';
import type { FileSystem } from '../file-system';
import { globBudget, GlobLimitError, globOrNothing } from '../glob';
import { BoundedCache } from '../bounded-cache';
import { parse, type ParseResult } from '../parser';
import { pathToUri } from '../uri';

/** One parsed config file of the tree. */
export interface SourceFile {
  /** Absolute POSIX path (a virtual one for ConfigMap keys). */
  path: string;
  /** What diagnostics and locations name. */
  uri: string;
  text: string;
  parsed: ParseResult;
}

export interface ConfigHost {
  /** Absolute matches of an absolute glob, sorted like Ruby's Dir.glob(…).sort; undefined when this host cannot list. Throws GlobLimitError past the glob budget. */
  glob(pattern: string): string[] | undefined;
  /** The parsed file, or undefined when it cannot be read. */
  file(path: string): SourceFile | undefined;
  /** The text only (no parse), for a quick look before parsing; undefined when unreadable or clearly over `maxChars`. */
  peek(path: string, maxChars?: number): string | undefined;
  /**
   * What a pattern matching no file means: on a disk it is really nothing (Fluentd
   * skips it silently); in a ConfigMap the file may live in the image.
   */
  readonly unmatched: 'nothing' | 'unknown';
  /** Files that might @include the given one: its directory and a few above, open documents. */
  rootCandidates(path: string): string[];
  /**
   * A double-quoted @include path with its `#{…}` evaluated, when the host knows the environment
   * (the simulator); without it the ENV variables read as unset (their defaults).
   */
  evaluateIncludePath?(path: string): string | undefined;
}

/** Cap on the files kept parsed per host: enough for any real config tree. */
const MAX_CACHED = 512;
/**
 * Cap on the characters of the files kept parsed (text and parse): 16 trees at their size cap
 * (DEFAULT_LIMITS in tree.ts). By count alone 512 files of up to 16 MB each could be kept.
 */
export const MAX_CACHED_CHARS = 8 * 1024 * 1024;
/** Cap on candidate roots looked at for one file. */
const MAX_CANDIDATES = 200;
/** How many directories above a file are searched for the root that includes it. */
const ANCESTOR_LEVELS = 3;

/** A small parse cache keyed by path and checked against the text. */
export class ParseCache {
  private readonly map = new BoundedCache<string, { text: string; parsed: ParseResult }>(
    MAX_CACHED,
    MAX_CACHED_CHARS,
    (e) => e.text.length,
  );

  get(path: string, text: string): ParseResult {
    const hit = this.map.get(path);
    if (hit && hit.text === text) return hit.parsed;
    const parsed = parse(text);
    this.map.set(path, { text, parsed });
    return parsed;
  }
}

/**
 * One SourceFile object per path, whose text and parse follow the file's newest version:
 * tree items kept from an earlier tree (TreeMemo in tree.ts) point at their file, and
 * must still point at the file that holds them. Capped like ParseCache.
 */
export class SourceFiles {
  private readonly map = new BoundedCache<string, SourceFile>(MAX_CACHED, MAX_CACHED_CHARS, (f) => f.text.length);

  get(path: string, uri: string, text: string, parsed: ParseResult): SourceFile {
    const known = this.map.get(path);
    if (known && known.uri === uri) {
      known.text = text;
      known.parsed = parsed;
      this.map.set(path, known); // weighed again: the text may have grown
      return known;
    }
    const file = { path, uri, text, parsed };
    this.map.set(path, file);
    return file;
  }

  /** Drops the files of a closed document (their text and parse were the editor's). */
  forget(uri: string): void {
    this.map.deleteWhere((f) => f.uri === uri);
  }
}

export interface OpenDocument {
  uri: string;
  text: string;
  parsed?: ParseResult;
}

/** Files on disk through FileSystem, with the text of open editor documents preferred. */
export class DiskHost implements ConfigHost {
  readonly unmatched = 'nothing' as const;
  /** Set by the simulator, which knows the environment (see ConfigHost). */
  evaluateIncludePath?: (path: string) => string | undefined;

  constructor(
    private readonly fs: FileSystem,
    /** Open documents by path (their unsaved text wins over the disk). */
    private readonly open: ReadonlyMap<string, OpenDocument>,
    private readonly cache: ParseCache,
    /** Directories the search for a root does not look into (home, the temp directory: unrelated files). */
    private readonly stopAt: readonly string[] = [],
    /** The files' SourceFile objects, kept across trees (a new object per call without). */
    private readonly files?: SourceFiles,
  ) {}

  private source(path: string, uri: string, text: string, parsed: ParseResult): SourceFile {
    return this.files ? this.files.get(path, uri, text, parsed) : { path, uri, text, parsed };
  }

  /** Listings are memoised for the life of the host (one request): trees repeat patterns. */
  private readonly globs = new Map<string, string[] | GlobLimitError>();
  /** What the globs of this request may list together (a hostile tree cannot make each of many globs list /tmp). */
  private readonly budget = globBudget();

  glob(pattern: string): string[] {
    const hit = this.globs.get(pattern);
    if (hit instanceof Error) throw hit;
    if (hit) return hit;
    let listed: string[];
    try {
      listed = this.fs.glob(pattern, this.budget);
    } catch (err) {
      // a pattern over the budget stays over it for this request: not listed again
      if (err instanceof GlobLimitError) this.globs.set(pattern, err);
      throw err;
    }
    const found = new Set(listed);
    // an open, never saved file is still a file to its includer
    for (const p of this.open.keys()) if (!found.has(p) && globMatchesPath(pattern, p)) found.add(p);
    const out = [...found].sort();
    this.globs.set(pattern, out);
    return out;
  }

  peek(path: string, maxChars = Infinity): string | undefined {
    const open = this.open.get(path);
    if (open) return open.text;
    if (!this.texts.has(path)) {
      const size = this.fs.size?.(path);
      if (size !== undefined && size > maxChars * 4) return undefined; // UTF-8: at most 4 bytes a character
    }
    return this.text(path);
  }

  /**
   * Texts read in this request: the root search peeks at each candidate and then parses it, and a
   * tree can include one file a thousand times; each is read from the disk once.
   */
  private readonly texts = new Map<string, string | undefined>();

  private text(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.fs.readFile(path);
    this.texts.set(path, text);
    return text;
  }

  /** Files parsed in this request. */
  private readonly read = new Map<string, SourceFile | undefined>();

  file(path: string): SourceFile | undefined {
    const doc = this.open.get(path);
    if (doc) return this.source(path, doc.uri, doc.text, doc.parsed ?? this.cache.get(path, doc.text));
    if (this.read.has(path)) return this.read.get(path);
    const text = this.text(path);
    const file = text === undefined ? undefined : this.source(path, pathToUri(path), text, this.cache.get(path, text));
    this.read.set(path, file);
    return file;
  }

  rootCandidates(path: string): string[] {
    const out = new Set<string>();
    for (const p of this.open.keys()) if (p.endsWith('.conf') || p === path) out.add(p);
    let dir = posix.dirname(path);
    for (let level = 0; level <= ANCESTOR_LEVELS && out.size < MAX_CANDIDATES && dir !== '/' && !this.stopAt.includes(dir); level++) {
      // a folder with more *.conf files than a glob may return holds no root worth finding
      for (const p of globOrNothing(this.fs, posix.join(dir, '*.conf'), this.budget)) out.add(p);
      const up = posix.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    out.delete(path);
    return [...out].slice(0, MAX_CANDIDATES);
  }
}

/** Whether a glob (as resolved for @include) matches one concrete path; used for unsaved files only. */
function globMatchesPath(pattern: string, path: string): boolean {
  if (!/[*?[{]/.test(pattern)) return posix.normalize(pattern) === path;
  return false;
}
