// Throw-away directories of real files for the simulator's editor tests (configs, test files,
// pod fixtures), read back through the real node file system.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ConfigDir {
  dir: string;
  path(rel: string): string;
  write(rel: string, text: string): string;
  cleanup(): void;
}

export function configDir(files: Record<string, string> = {}): ConfigDir {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-sim-editor-'));
  const d: ConfigDir = {
    dir,
    path: (rel) => join(dir, rel),
    write(rel, text) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) d.write(rel, text);
  return d;
}
