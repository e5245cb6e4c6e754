// `fluentd-lint test` PATH arguments -> config test files: a file is taken as named, a directory
// is searched (sorted, hidden folders and node_modules skipped, symlink loops cut) for
// *.fluent-test.yaml / *.fluent-test.yml. Bounded: a search stops after MAX_TEST_FILES files.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isConfigTestPath } from '../language/config-tests';

export const MAX_TEST_FILES = 10_000;

export interface TestTarget {
  /** As shown to the user (relative to the working directory when given so). */
  path: string;
  absPath: string;
}

export interface TestExpansion {
  targets: TestTarget[];
  problems: { path: string; message: string }[];
}

export function findTestFiles(paths: readonly string[], cwd: string): TestExpansion {
  const out: TestExpansion = { targets: [], problems: [] };
  const seen = new Set<string>();
  const add = (path: string, absPath: string) => {
    const key = real(absPath);
    if (seen.has(key) || out.targets.length >= MAX_TEST_FILES) return;
    seen.add(key);
    out.targets.push({ path, absPath });
  };
  for (const path of paths) {
    const absPath = resolve(cwd, path);
    let dir: boolean;
    try {
      dir = statSync(absPath).isDirectory();
    } catch (err) {
      out.problems.push({
        path,
        message: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message,
      });
      continue;
    }
    if (!dir) {
      add(path, absPath);
      continue;
    }
    const before = out.targets.length;
    const visited = new Set<string>([real(absPath)]);
    const walk = (rel: string) => {
      let entries;
      try {
        entries = readdirSync(join(absPath, rel), { withFileTypes: true });
      } catch (err) {
        out.problems.push({ path: join(path, rel), message: (err as Error).message });
        return;
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const childRel = join(rel, e.name);
        const childAbs = join(absPath, childRel);
        let isDir = e.isDirectory();
        if (e.isSymbolicLink()) {
          try {
            isDir = statSync(childAbs).isDirectory();
          } catch {
            continue; // a dangling link
          }
        }
        if (isDir) {
          const r = real(childAbs);
          if (visited.has(r)) continue;
          visited.add(r);
          walk(childRel);
        } else if (isConfigTestPath(e.name)) add(join(path, childRel), childAbs);
      }
    };
    walk('');
    if (out.targets.length === before) out.problems.push({ path, message: 'no *.fluent-test.yaml files found' });
  }
  return out;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
