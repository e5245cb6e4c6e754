// Files for config tests in the editor: the config tree and the pod fixture read through the
// language service's FileSystem, with the text of open editors preferred (a test runs against
// the config as it is being edited, saved or not).
import type { FileSystem } from '../file-system';
import { DiskHost, ParseCache, type OpenDocument } from '../includes/host';
import { buildTree } from '../includes/tree';
import { uriToPath } from '../uri';
import type { TestHost } from './run';

export function editorTestHost(fs: FileSystem, openDocuments: Iterable<OpenDocument>, cache: ParseCache, maxBytes: number): TestHost {
  const open = new Map<string, OpenDocument>();
  for (const d of openDocuments) {
    const p = uriToPath(d.uri)?.replace(/\\/g, '/');
    if (p) open.set(p, d);
  }
  const host = new DiskHost(fs, open, cache);
  return {
    loadConfig(path) {
      const root = host.file(path.replace(/\\/g, '/'));
      return root ? buildTree(root, host) : undefined;
    },
    readText(path) {
      const p = path.replace(/\\/g, '/');
      const doc = open.get(p);
      if (doc) return doc.text;
      const size = fs.size?.(p);
      if (size !== undefined && size > maxBytes) return { error: `larger than ${Math.round(maxBytes / (1024 * 1024))} MB` };
      const text = fs.readFile(p);
      return text === undefined ? { error: 'no such file, or it cannot be read' } : text;
    },
  };
}
