// The FileSystem of the language service on the local disk (LSP server, CLI).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileSystem } from './file-system';
import { glob } from './glob';

/** Files larger than this are not read for @include resolution. */
const MAX_INCLUDE_BYTES = 8 * 1024 * 1024;

export const nodeFileSystem: FileSystem = {
  glob(pattern) {
    return glob(pattern, {
      list(dir) {
        try {
          return readdirSync(dir, { withFileTypes: true }).map((d) => ({
            name: d.name,
            isDirectory: d.isDirectory() || (d.isSymbolicLink() && isDir(`${dir}/${d.name}`)),
          }));
        } catch {
          return undefined;
        }
      },
    });
  },
  size(path) {
    try {
      return statSync(path).size;
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    try {
      if (statSync(path).size > MAX_INCLUDE_BYTES) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
