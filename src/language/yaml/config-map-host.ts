// The keys of one ConfigMap as the files of one directory, for the include graph: a
// workload mounts the ConfigMap at some path, so `@include /fluentd/etc/other.conf`
// (or a relative `other.conf`) reads the sibling key.
import { posix } from 'node:path';
import { glob as globPaths } from '../glob';
import type { ConfigHost, SourceFile } from '../includes/host';

export class ConfigMapHost implements ConfigHost {
  readonly unmatched = 'unknown' as const;
  readonly files = new Map<string, SourceFile>();

  constructor(
    readonly dir: string,
    private readonly mounts: string[],
  ) {}

  glob(pattern: string): string[] {
    const names = [...this.files.keys()].map((p) => posix.basename(p));
    for (const base of [this.dir, ...this.mounts]) {
      const prefix = base.endsWith('/') ? base : `${base}/`;
      if (!pattern.startsWith(prefix)) continue;
      const found = globPaths(this.dir + '/' + pattern.slice(prefix.length), {
        list: (d) => (d === this.dir ? names.map((name) => ({ name, isDirectory: false })) : undefined),
      });
      if (found.length) return found;
    }
    return [];
  }

  file(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  peek(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  rootCandidates(): string[] {
    return [...this.files.keys()];
  }
}
