// A config file and everything it @includes, read through a FileSystem the way the language
// service reads it (includes resolved by the include layer), ready for buildSimulation.
import type { FileSystem } from '../../file-system';
import { DiskHost, ParseCache } from '../../includes/host';
import { buildTree, type ConfigTree } from '../../includes/tree';

/** The config tree rooted at an absolute path, or undefined when the file cannot be read. */
export function loadConfigTree(path: string, fs: FileSystem, cache: ParseCache = new ParseCache()): ConfigTree | undefined {
  const host = new DiskHost(fs, new Map(), cache);
  const root = host.file(path);
  return root ? buildTree(root, host) : undefined;
}
