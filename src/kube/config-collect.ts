// Collects the workspace's fluent.conf and every file it @includes (recursively), as the
// ConfigFiles that go into the ConfigMap. Includes must stay inside the main file's folder
// (they are mounted under /fluentd/etc the same way); URLs and `#{…}` paths cannot be deployed.
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { includeTargets } from '../language/includes/targets';
import type { FileSystem } from '../language/file-system';
import { parse } from '../language/parser';
import { pathToUri } from '../language/uri';
import { includes } from '../language/walk';
import { ConfigFilesError, type ConfigFile } from './config-files';

const MAX_FILES = 200;

export function collectConfigFiles(mainPath: string, fs: FileSystem): ConfigFile[] {
  const main = resolve(mainPath);
  const root = dirname(main);
  const toRel = (abs: string) => relative(root, abs).split(sep).join(posix.sep);
  const files: ConfigFile[] = [];
  const seen = new Set<string>();
  const visit = (abs: string, from?: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    if (seen.size > MAX_FILES) throw new ConfigFilesError(`The config includes more than ${MAX_FILES} files.`);
    const text = fs.readFile(abs);
    if (text === undefined) throw new ConfigFilesError(`Cannot read ${abs}${from ? ` (included from ${from})` : ''}.`);
    files.push({ path: abs === main ? posix.basename(main) : toRel(abs), text });
    for (const inc of includes(parse(text).document.children)) {
      const where = `${toRel(abs) || posix.basename(abs)}:${inc.range.start.line + 1}`;
      const p = inc.path;
      if (/^(https?|file):/.test(p) || p.includes('#{')) {
        throw new ConfigFilesError(
          `@include ${p} (${where}) cannot be deployed: only plain relative paths can be packed into the ConfigMap.`,
        );
      }
      // Resolved like Fluentd (and the editor's go-to-definition): relative to the including file, globbed.
      for (const target of includeTargets(pathToUri(abs), inc, fs)) {
        const rel = relative(root, target);
        if (rel.startsWith('..') || isAbsolute(rel)) {
          throw new ConfigFilesError(
            `@include ${p} (${where}) reaches ${target}, outside ${root}; deployed configs must keep their includes next to or below fluent.conf.`,
          );
        }
        visit(target, where);
      }
    }
  };
  visit(main);
  return files;
}
