// The FileSystem of the language service on the local disk (LSP server, CLI).
import { readdirSync, statSync } from 'node:fs';
import type { FileSystem } from './file-system';
import { glob, type DirEntry } from './glob';
import { readRegularText } from './read-regular-file';

/** Files larger than this are not read for @include resolution. */
const MAX_INCLUDE_BYTES = 8 * 1024 * 1024;

export const nodeFileSystem: FileSystem = {
  glob(pattern, budget) {
    return glob(
      pattern,
      {
        list(dir) {
          try {
            return readdirSync(dir, { withFileTypes: true }).map((d): DirEntry => {
              if (!d.isSymbolicLink()) return { name: d.name, isDirectory: d.isDirectory() };
              // where a link leads is looked up only when a pattern asks (a folder of links, /proc, costs no stat)
              let target: boolean | undefined;
              return {
                name: d.name,
                isSymbolicLink: true,
                get isDirectory() {
                  return (target ??= isDir(`${dir}/${d.name}`));
                },
              };
            });
          } catch {
            return undefined;
          }
        },
        identity(dir) {
          try {
            const st = statSync(dir, { bigint: true });
            return `${st.dev}:${st.ino}`;
          } catch {
            return undefined;
          }
        },
      },
      undefined,
      budget,
    );
  },
  size(path) {
    try {
      const st = statSync(path);
      return st.isFile() ? st.size : undefined; // a device's or FIFO's size says nothing
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    try {
      // regular files only, capped: a link to /dev/zero or a FIFO would otherwise be read forever
      return readRegularText(path, MAX_INCLUDE_BYTES);
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
