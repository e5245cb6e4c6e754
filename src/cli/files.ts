// PATH arguments -> the files to lint. Directories are searched recursively for the
// extensions a FileKind claims; results are sorted by path (code-unit order, like
// `LC_ALL=C sort`) so output is the same on every machine.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { kindForExplicit, kindForSearch, searchedPatterns, type FileKind } from './file-kinds';

export type Target = { source: 'file'; path: string; absPath: string; kind: FileKind } | { source: 'stdin' };

/** A path that could not be linted: reported on stderr, makes the exit status 2. */
export interface PathProblem {
  path: string;
  message: string;
}

export interface Expansion {
  targets: Target[];
  problems: PathProblem[];
  /** Things worth saying that are not failures (an empty directory). */
  notices: string[];
}

export const STDIN_PATH = '<stdin>';

/** Directory names a search never descends into (explicit paths are always honoured). */
function skipInSearch(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export function expandPaths(paths: readonly string[], cwd: string): Expansion {
  const out: Expansion = { targets: [], problems: [], notices: [] };
  const seen = new Set<string>(); // real paths already queued: a file named twice is linted once

  const add = (path: string, absPath: string, kind: FileKind): void => {
    const key = realOrSelf(absPath);
    if (seen.has(key)) return;
    seen.add(key);
    out.targets.push({ source: 'file', path, absPath, kind });
  };

  for (const path of paths) {
    if (path === '-') {
      out.targets.push({ source: 'stdin' });
      continue;
    }
    const absPath = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absPath).isDirectory();
    } catch (err) {
      out.problems.push({ path, message: osReason(err) });
      continue;
    }
    if (!isDirectory) {
      const d = kindForExplicit(path);
      if ('unsupported' in d) out.problems.push({ path, message: d.unsupported });
      else add(path, absPath, d.kind);
      continue;
    }
    const found = searchDirectory(absPath, out.problems, path, out.notices);
    if (found.length === 0) out.notices.push(`no ${searchedPatterns()} files found in ${path}`);
    for (const rel of found) {
      const kind = kindForSearch(rel);
      if (kind) add(join(path, rel), join(absPath, rel), kind);
    }
  }
  return out;
}

/**
 * Relative paths of the files under `root` a FileKind claims, sorted. Links are followed
 * only to what lies inside `root` itself: a repository's `conf.d/x -> /` or
 * `x.conf -> ~/.aws/config` would otherwise make a CI run search the whole machine or
 * print another file's content.
 */
function searchDirectory(root: string, problems: PathProblem[], shownRoot: string, notices: string[]): string[] {
  const files: string[] = [];
  const realRoot = realOrSelf(root);
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  const visited = new Set<string>([realRoot]); // symlink loops end here
  const walk = (rel: string): void => {
    const dir = rel ? join(root, rel) : root;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: rel ? join(shownRoot, rel) : shownRoot, message: osReason(err) });
      return;
    }
    for (const e of entries) {
      if (skipInSearch(e.name)) continue;
      const childRel = rel ? join(rel, e.name) : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(join(root, childRel));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link is not a config file
        }
        if ((isDir || (isFile && kindForSearch(e.name))) && !inside(realOrSelf(join(root, childRel)))) {
          notices.push(`${join(shownRoot, childRel)}: a link to outside ${shownRoot}, not followed`);
          continue;
        }
      }
      if (isDir) {
        const real = realOrSelf(join(root, childRel));
        if (visited.has(real)) continue;
        visited.add(real);
        walk(childRel);
      } else if (isFile && kindForSearch(e.name)) {
        files.push(childRel);
      }
    }
  };
  walk('');
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** "no such file or directory (ENOENT)" from a Node fs error, without Node's syscall noise. */
export function osReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e && typeof e.message === 'string') {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && e.message.startsWith(`${code}: `)) {
      const rest = e.message.slice(code.length + 2);
      const comma = rest.indexOf(', ');
      return `${comma === -1 ? rest : rest.slice(0, comma)} (${code})`;
    }
    return code ? `${e.message} (${code})` : e.message;
  }
  return String(err);
}
