// Which `fluentd.catalogs` files the server may read. The setting is a workspace setting:
// a repository could point it anywhere (a credentials file, /dev/zero). In a trusted
// workspace every listed file is read; in Restricted Mode only files whose real path lies
// inside a workspace folder (a link out of the workspace does not count). The trust state
// comes from the client (initializationOptions.workspaceTrusted, then the
// fluentd/workspaceTrusted notification, protocol.ts, when the user grants trust); a client that does not
// send it (an editor without workspace trust) is taken as trusted.
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

export interface CatalogAccess {
  trusted: boolean;
  /** Real paths of the workspace folders. */
  folders: string[];
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The access for these workspace folders (paths as the client named them). */
export function catalogAccess(trusted: boolean, folders: readonly string[]): CatalogAccess {
  return { trusted, folders: folders.map((f) => real(f) ?? f) };
}

/** Why `path` is not read, or undefined when it may be (a missing file is left to the reader to report). */
export function catalogRefusal(path: string, access: CatalogAccess): string | undefined {
  if (access.trusted) return undefined;
  const target = real(path);
  if (target === undefined) return undefined;
  if (access.folders.some((f) => target === f || target.startsWith(f.endsWith(sep) ? f : f + sep))) return undefined;
  return 'not read: in Restricted Mode only catalogue files inside the workspace are read (trust the workspace to use this one)';
}
