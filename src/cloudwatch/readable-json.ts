// A JSON log record as a person reads it: the level, the message, then the other fields as
// key=value (nested objects with dotted keys). `{"level":"info","msg":"listening","port":8080}`
// reads `INFO listening port=8080`. Kubernetes and Docker metadata are left out: the line's
// pod/container label already says it.

const LEVEL_KEYS = ['level', 'severity', 'lvl', 'loglevel', 'log_level', 'levelname', 'level_name'];
const MESSAGE_KEYS = ['message', 'msg', 'log', 'MESSAGE', 'text', 'event'];
const METADATA_KEYS = new Set(['kubernetes', 'docker']);
/** pino and bunyan write numeric levels */
const NUMERIC_LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** nesting deeper than this is written as JSON */
const MAX_DEPTH = 4;

/** The readable form of `text` when it is a JSON object; undefined for anything else. */
export function readableJson(text: string): string | undefined {
  if (text.length < 2 || text.charCodeAt(0) !== 123 /* { */) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(record)) return undefined;
  const levelKey = LEVEL_KEYS.find((k) => typeof record[k] === 'string' || typeof record[k] === 'number');
  const messageKey = MESSAGE_KEYS.find((k) => typeof record[k] === 'string');
  const parts: string[] = [];
  if (levelKey) parts.push(levelText(record[levelKey] as string | number));
  if (messageKey) parts.push(trimNewline(record[messageKey] as string));
  for (const [k, v] of Object.entries(record)) {
    if (k === levelKey || k === messageKey || METADATA_KEYS.has(k)) continue;
    fields(k, v, 1, parts);
  }
  return parts.join(' ');
}

function levelText(level: string | number): string {
  if (typeof level === 'number') return NUMERIC_LEVELS[level] ?? String(level);
  return level.toUpperCase();
}

function fields(key: string, value: unknown, depth: number, out: string[]): void {
  if (isObject(value) && depth < MAX_DEPTH && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) fields(`${key}.${k}`, v, depth + 1, out);
    return;
  }
  out.push(`${key}=${valueText(value)}`);
}

function valueText(v: unknown): string {
  if (typeof v === 'string') return v === '' || /[\s="\\]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function trimNewline(s: string): string {
  return s.replace(/\r?\n$/, '');
}
