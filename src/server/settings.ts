import { isAbsolute, join } from 'node:path';

// The server's view of the `fluentd.*` settings, read defensively: a bad value
// falls back to the default instead of breaking the server.

export interface ServerSettings {
  debounceMs: number;
  /** Extra plugin catalogue files (`fluentd.catalogs`), as the user wrote them. */
  catalogs: string[];
  /** `fluentd.deploy.image` when set: plugins this image lacks are reported on their @type. */
  deployImage: string;
}

const DEFAULTS: ServerSettings = { debounceMs: 150, catalogs: [], deployImage: '' };

export function readSettings(raw: unknown): ServerSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diag = (s.diagnostics && typeof s.diagnostics === 'object' ? s.diagnostics : {}) as Record<string, unknown>;
  const debounce = Number(diag.debounceMs ?? s.debounceMs);
  const catalogs = Array.isArray(s.catalogs) ? s.catalogs.filter((c): c is string => typeof c === 'string' && c.trim() !== '') : [];
  const deploy = (s.deploy && typeof s.deploy === 'object' ? s.deploy : {}) as Record<string, unknown>;
  return {
    debounceMs: Number.isFinite(debounce) && debounce >= 0 && debounce <= 5000 ? debounce : DEFAULTS.debounceMs,
    catalogs,
    deployImage: typeof deploy.image === 'string' ? deploy.image.trim() : DEFAULTS.deployImage,
  };
}

/** A catalogue path from the settings made absolute: `~/` is the home folder, relative paths the workspace's. */
export function resolveSettingPath(path: string, workspaceRoot: string | undefined, home: string): string {
  if (path === '~' || path.startsWith('~/')) return home + path.slice(1);
  if (isAbsolute(path) || !workspaceRoot) return path;
  return join(workspaceRoot, path);
}

/** initializationOptions.workspaceTrusted: false only when the client says so (an editor without workspace trust sends nothing). */
export function readTrust(raw: unknown): boolean {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return s.workspaceTrusted !== false;
}
