// Collects the workspace's fluent.conf and every file it @includes (recursively), as the
// ConfigFiles that go into the ConfigMap. Includes must stay inside the main file's folder
// (they are mounted under /fluentd/etc the same way); URLs and `#{…}` paths cannot be deployed.
//
// "Inside" is decided on real paths: a committed symlink `conf.d/z.conf -> ~/.aws/credentials`
// has a path inside the folder, but what would be packed is the credentials file. Every file is
// resolved to its real path, which must lie inside the real config folder and be a regular file
// (not a device, a pipe or a folder), and every packed file is scanned for literal secrets.
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { includeTargets } from '../language/includes/targets';
import type { FileSystem } from '../language/file-system';
import { parse } from '../language/parser';
import { pathToUri } from '../language/uri';
import { includes } from '../language/walk';
import { ConfigFilesError, type ConfigFile } from './config-files';
import { describeSecrets, findSecrets } from './secret-scan';

const MAX_FILES = 200;

/** Where a path really leads, and whether that is a regular file; undefined when it does not exist. */
export type RealPathFn = (path: string) => { real: string; isFile: boolean } | undefined;

export const nodeRealPath: RealPathFn = (path) => {
  try {
    const real = realpathSync(path);
    return { real, isFile: statSync(real).isFile() };
  } catch {
    return undefined;
  }
};

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export function collectConfigFiles(mainPath: string, fs: FileSystem, realPath: RealPathFn = nodeRealPath): ConfigFile[] {
  const main = resolve(mainPath);
  const root = dirname(main);
  const realRoot = realPath(root)?.real ?? root;
  const toRel = (abs: string) => relative(root, abs).split(sep).join(posix.sep);
  const files: ConfigFile[] = [];
  const seen = new Set<string>();
  const visit = (abs: string, from?: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    if (seen.size > MAX_FILES) throw new ConfigFilesError(`The config includes more than ${MAX_FILES} files.`);
    const shown = abs === main ? posix.basename(main) : toRel(abs);
    const via = from ? ` (included from ${from})` : '';
    const target = realPath(abs);
    if (!target) throw new ConfigFilesError(`Cannot read ${abs}${via}.`);
    if (!inside(realRoot, target.real)) {
      throw new ConfigFilesError(
        `${shown}${via} is a link to ${target.real}, outside the config folder ${realRoot}; only files that really ` +
          'lie next to or below fluent.conf can be deployed.',
      );
    }
    if (!target.isFile) throw new ConfigFilesError(`${shown}${via} is not a regular file (${target.real}); it cannot be deployed.`);
    const text = fs.readFile(target.real);
    if (text === undefined) throw new ConfigFilesError(`Cannot read ${abs}${via}.`);
    files.push({ path: shown, text });
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
        if (!inside(root, target)) {
          throw new ConfigFilesError(
            `@include ${p} (${where}) reaches ${target}, outside ${root}; deployed configs must keep their includes next to or below fluent.conf.`,
          );
        }
        visit(target, where);
      }
    }
  };
  visit(main);
  const secrets = findSecrets(files);
  if (secrets.length) {
    throw new ConfigFilesError(
      `The config holds secrets (${describeSecrets(secrets)}); a ConfigMap is readable by anyone who can read the namespace. ` +
        'Read them from the environment instead ("#{ENV[\'NAME\']}") and give the workload a Secret, or use an IAM role.',
    );
  }
  return files;
}
