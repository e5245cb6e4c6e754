// The standard validation gate: the project's language service run over the config exactly as
// it will sit in the container (/fluentd/etc), so @include resolution sees the deployed files.
import { posix } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystem } from '../language/file-system';
import { defaultChecks } from '../language/checks';
import { imagePluginCheck } from '../language/checks/image-plugins';
import { glob } from '../language/glob';
import { FluentdLanguageService } from '../language/service';
import { CONFIG_MOUNT_PATH, configMapLayout, type ConfigFile } from './config-files';
import type { FileDiagnostic, ValidateFn } from './validation-gate';

/** The deployed files as a read-only file system rooted at /fluentd/etc. */
export function deployedFileSystem(files: readonly ConfigFile[]): { fs: FileSystem; pathOf: Map<string, ConfigFile> } {
  const { items } = configMapLayout(files);
  const pathOf = new Map<string, ConfigFile>();
  items.forEach((item, i) => pathOf.set(posix.join(CONFIG_MOUNT_PATH, item.path), files[i]));
  // Every directory on the way to every file, with its entries.
  const dirs = new Map<string, Map<string, boolean>>();
  for (const p of pathOf.keys()) {
    const parts = p.split('/').filter(Boolean);
    let dir = '/';
    parts.forEach((name, i) => {
      if (!dirs.has(dir)) dirs.set(dir, new Map());
      dirs.get(dir)!.set(name, i < parts.length - 1);
      dir = posix.join(dir, name);
    });
  }
  const fs: FileSystem = {
    readFile: (p) => pathOf.get(posix.normalize(p))?.text,
    glob: (pattern) =>
      glob(pattern, {
        list: (dir) => {
          const entries = dirs.get(posix.normalize(dir));
          return entries && [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
        },
      }),
  };
  return { fs, pathOf };
}

/** The language checks, plus the image's plugin check when the image is known. */
export function languageValidator(): ValidateFn {
  return (files, context) => {
    const { fs, pathOf } = deployedFileSystem(files);
    const checks = context?.image ? [...defaultChecks, imagePluginCheck(context.image)] : undefined;
    const service = new FluentdLanguageService({ fileSystem: fs, checks });
    const out: FileDiagnostic[] = [];
    for (const [abs, file] of pathOf) {
      const doc = TextDocument.create(`file://${abs}`, 'fluentd', 1, file.text);
      for (const diagnostic of service.diagnostics(doc)) out.push({ path: file.path, diagnostic });
    }
    return out;
  };
}
