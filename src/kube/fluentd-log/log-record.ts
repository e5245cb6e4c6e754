// One line of Fluentd's own log, as its pods write it: the text format
// `2026-12-06 21:30:59 +0000 [warn]: #0 [in_tail_container_logs] pattern not matched: "…"`
// (worker `#N` under a supervisor, `[plugin @id]` for a plugin's logger), or the JSON format of
// `<system><log>format json`. Lines that start with blanks continue the line before (backtraces,
// config dumps). Pure.

export type FluentdLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface FluentdLogRecord {
  /** As written, e.g. `2026-12-06 21:30:59 +0000`. */
  time: string;
  level: FluentdLevel;
  worker?: number;
  /** The plugin's @id (or its generated `object:…` id). */
  pluginId?: string;
  message: string;
}

const TEXT =
  /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?: ?[+-]\d{2}:?\d{2}|Z)?) \[(trace|debug|info|warn|error|fatal)\]: (?:#(\d+) )?(.*)$/;
const PLUGIN = /^\[([^\]\s]+)\] (.*)$/s;
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

function withPlugin(message: string): { pluginId?: string; message: string } {
  const m = PLUGIN.exec(message);
  return m ? { pluginId: m[1], message: m[2] } : { message };
}

/** The record of one line; undefined for continuation lines and anything that is not Fluentd's log. */
export function parseFluentdLine(line: string): FluentdLogRecord | undefined {
  if (!line || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) return undefined;
  const m = TEXT.exec(line);
  if (m) {
    return { time: m[1], level: m[2] as FluentdLevel, ...(m[3] !== undefined ? { worker: Number(m[3]) } : {}), ...withPlugin(m[4]) };
  }
  if (line.charCodeAt(0) === 123 /* { */) {
    let j: unknown;
    try {
      j = JSON.parse(line);
    } catch {
      return undefined;
    }
    const r = j as { time?: unknown; level?: unknown; message?: unknown; worker_id?: unknown };
    if (typeof r.level !== 'string' || !LEVELS.has(r.level) || typeof r.message !== 'string') return undefined;
    return {
      time: typeof r.time === 'string' ? r.time : '',
      level: r.level as FluentdLevel,
      ...(typeof r.worker_id === 'number' ? { worker: r.worker_id } : {}),
      ...withPlugin(r.message),
    };
  }
  return undefined;
}
