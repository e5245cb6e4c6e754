// The server's view of the `fluentd.*` settings, read defensively: a bad value
// falls back to the default instead of breaking the server.

export interface ServerSettings {
  debounceMs: number;
}

const DEFAULTS: ServerSettings = { debounceMs: 150 };

export function readSettings(raw: unknown): ServerSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diag = (s.diagnostics && typeof s.diagnostics === 'object' ? s.diagnostics : {}) as Record<string, unknown>;
  const debounce = Number(diag.debounceMs ?? s.debounceMs);
  return {
    debounceMs: Number.isFinite(debounce) && debounce >= 0 && debounce <= 5000 ? debounce : DEFAULTS.debounceMs,
  };
}
