// What Fluentd says about itself that a config author should see: lines its parsers reject, tags
// no <match> takes, plugin errors (by @id), config errors at start-up, AWS access and missing
// resources, buffer overflow and retries. The wordings are those real Fluentd 1.16.5 writes
// (recorded in test/fixtures/fluentd-logs). Pure; FluentdLogReader keeps the little state a
// multi-line message needs.
import { parseFluentdLine, type FluentdLogRecord } from './log-record';

export type FluentdProblemKind =
  /** in_tail (or another input's parser) rejected a line */
  | 'pattern-not-matched'
  /** a filter's parser rejected a record's field (an error event) */
  | 'parser-error'
  | 'no-patterns-matched'
  | 'config-error'
  | 'access-denied'
  | 'resource-not-found'
  | 'buffer-overflow'
  /** an output could not flush and retries (or gave up) */
  | 'buffer-retry'
  /** any other warning or error of a plugin (an @id) or about an event (a tag) */
  | 'plugin-error';

export interface FluentdProblem {
  kind: FluentdProblemKind;
  severity: 'error' | 'warning';
  /** The plugin that spoke (its @id), when the line names one. */
  pluginId?: string;
  /** The event tag the line names. */
  tag?: string;
  /** For config errors dumped with their section: `parse`, `buffer`, … */
  section?: string;
  /** Ruby exception class, e.g. `Aws::CloudWatchLogs::Errors::AccessDeniedException`. */
  errorClass?: string;
  /** Short words for a diagnostic, e.g. `no <match> takes tag "x"`. */
  summary: string;
  /** The line's message (without time, level and plugin). */
  message: string;
  record: FluentdLogRecord;
}

/** `recovered`: an output's retry succeeded (its retry problems are over). */
export type FluentdLogEvent = { type: 'problem'; problem: FluentdProblem } | { type: 'recovered'; pluginId: string } | { type: 'started' };

/** The value of `name=` in Fluentd's `key=value key="quoted \"value\""` messages. */
export function field(message: string, name: string): string | undefined {
  let at = message.startsWith(`${name}=`) ? 0 : message.indexOf(` ${name}=`);
  if (at < 0) return undefined;
  at += (at === 0 ? 0 : 1) + name.length + 1;
  if (message[at] !== '"') {
    const end = message.indexOf(' ', at);
    return message.slice(at, end < 0 ? undefined : end);
  }
  let out = '';
  for (let i = at + 1; i < message.length; i++) {
    const c = message[i];
    if (c === '\\' && i + 1 < message.length) {
      const n = message[++i];
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else if (c === '"') return out;
    else out += c;
  }
  return out;
}

const ACCESS = /AccessDenied|UnrecognizedClient|InvalidClientTokenId|ExpiredToken|not authorized to perform|SignatureDoesNotMatch/;
const NOT_FOUND = /ResourceNotFound|does not exist|NoSuchBucket|NotFoundException/;

function classifyError(errorClass: string | undefined, error: string | undefined): 'access-denied' | 'resource-not-found' | undefined {
  const text = `${errorClass ?? ''} ${error ?? ''}`;
  if (ACCESS.test(text)) return 'access-denied';
  if (NOT_FOUND.test(text)) return 'resource-not-found';
  return undefined;
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The problem a record reports, if it is one of the recognised kinds. */
export function recognise(record: FluentdLogRecord): FluentdLogEvent | undefined {
  const { message: msg, pluginId } = record;
  const base = { pluginId, message: msg, record };
  const severity: 'error' | 'warning' = record.level === 'error' || record.level === 'fatal' ? 'error' : 'warning';
  if (record.level === 'info' && /^starting fluentd(-| worker)/.test(msg)) return { type: 'started' };
  if (record.level === 'warn' && msg.startsWith('retry succeeded') && pluginId) return { type: 'recovered', pluginId };
  if (record.level !== 'warn' && record.level !== 'error' && record.level !== 'fatal') return undefined;
  const problem = (p: Omit<FluentdProblem, 'message' | 'record' | 'pluginId'> & { pluginId?: string }): FluentdLogEvent => ({
    type: 'problem',
    problem: { ...base, ...p },
  });

  if (msg.startsWith('pattern not matched: ')) {
    return problem({ kind: 'pattern-not-matched', severity, summary: `the parser rejected a line: ${clip(msg.slice(21))}` });
  }
  if (msg.startsWith('no patterns matched ')) {
    const tag = field(msg, 'tag');
    return problem({ kind: 'no-patterns-matched', severity, tag, summary: `no <match> takes events tagged "${tag ?? '?'}"` });
  }
  if (msg.startsWith('config error file=')) {
    const error = field(msg, 'error') ?? msg;
    return problem({
      kind: 'config-error',
      severity: 'error',
      errorClass: field(msg, 'error_class'),
      summary: `Fluentd did not start: ${error}`,
    });
  }
  const errorClass = field(msg, 'error_class');
  const error = field(msg, 'error');
  if (msg.startsWith('dump an error event: ') || msg.startsWith('emit transaction failed: ')) {
    const tag = field(msg, 'tag');
    if (/BufferOverflowError/.test(errorClass ?? '')) {
      return problem({
        kind: 'buffer-overflow',
        severity,
        tag,
        errorClass,
        summary: `buffer full, events of "${tag ?? '?'}" refused: ${error ?? ''}`,
      });
    }
    if (/ParserError/.test(errorClass ?? '') || (error ?? '').startsWith('pattern not matched')) {
      return problem({
        kind: 'parser-error',
        severity,
        tag,
        errorClass,
        summary: `the parser rejected a record of "${tag ?? '?'}": ${clip(error ?? '')}`,
      });
    }
    return problem({
      kind: 'plugin-error',
      severity,
      tag,
      errorClass,
      summary: `${errorClass ?? 'error'} on "${tag ?? '?'}": ${clip(error ?? msg)}`,
    });
  }
  if (msg.startsWith('failed to write data into buffer by buffer overflow')) {
    return problem({ kind: 'buffer-overflow', severity, summary: `buffer full (${field(msg, 'action') ?? 'overflow'})` });
  }
  const retrying = msg.startsWith('failed to flush the buffer');
  const gaveUp = /hit limit for retries/i.test(msg);
  if (retrying || gaveUp) {
    const aws = classifyError(errorClass, error);
    const what = gaveUp
      ? `gave up after ${field(msg, 'retry_times') ?? 'its'} retries, chunks dropped`
      : `retry ${Number(field(msg, 'retry_times') ?? 0) + 1}`;
    return problem({
      kind: aws ?? 'buffer-retry',
      severity: gaveUp ? 'error' : severity,
      errorClass,
      summary: `could not flush (${what}): ${errorClass ? `${errorClass.replace(/^.*::/, '')}: ` : ''}${clip(error ?? msg)}`,
    });
  }
  if (/^Log (group|stream) '.*' does not exist/.test(msg)) return problem({ kind: 'resource-not-found', severity, summary: msg });
  if (pluginId && !msg.endsWith('config error in:')) {
    const aws = classifyError(errorClass, error ?? msg);
    return problem({
      kind: aws ?? 'plugin-error',
      severity,
      errorClass,
      summary: clip(error ? `${errorClass ?? 'error'}: ${error}` : msg),
    });
  }
  return undefined;
}

/**
 * Reads one pod's log line by line: recognises problems, and joins a config error to the plugin
 * and section Fluentd dumped just before it (`[id] config error in:` then `<parse>` …).
 */
export class FluentdLogReader {
  private pending: { pluginId: string; section?: string } | undefined;

  read(line: string): FluentdLogEvent | undefined {
    const record = parseFluentdLine(line);
    if (!record) {
      // the dumped section: its first line names it
      const m = /^<([a-z_]+)[\s>]/.exec(line);
      if (this.pending && !this.pending.section && m) this.pending.section = m[1];
      return undefined;
    }
    if (record.pluginId && record.message === 'config error in:') {
      this.pending = { pluginId: record.pluginId };
      return undefined;
    }
    const ev = recognise(record);
    const pending = this.pending;
    this.pending = undefined;
    if (ev?.type === 'problem' && ev.problem.kind === 'config-error' && pending) {
      ev.problem.pluginId ??= pending.pluginId;
      ev.problem.section = pending.section;
    }
    return ev;
  }
}
