// A config file and everything it @includes, read through a FileSystem the way the language
// service reads it (includes resolved by the include layer), ready for buildSimulation. With an
// environment, `#{ENV[…]}` in @include paths reads it, as Fluentd does at start-up.
import type { FileSystem } from '../../file-system';
import { DiskHost, ParseCache } from '../../includes/host';
import { buildTree, type ConfigTree } from '../../includes/tree';
import { evaluateDoubleQuoted } from './config';

/** The config tree rooted at an absolute path, or undefined when the file cannot be read. */
export function loadConfigTree(
  path: string,
  fs: FileSystem,
  env?: Readonly<Record<string, string | undefined>>,
  cache: ParseCache = new ParseCache(),
): ConfigTree | undefined {
  const host = new DiskHost(fs, new Map(), cache);
  if (env)
    host.evaluateIncludePath = (text) => {
      const r = evaluateDoubleQuoted(text, env);
      return r.kind === 'value' ? r.text : undefined;
    };
  const root = host.file(path);
  return root ? buildTree(root, host) : undefined;
}
