// The syslog parser (RFC 3164, RFC 5424, auto) with both engines. The regexp engine (the default)
// finds the time by counting spaces and then matches the rest; where Ruby then fails on a nil
// (a line with too few spaces) the NoMethodError is reported as Fluentd raises it.
import type { EventRecord, EventTime, ParseOutcome } from '../../types';
import { boolParam, configureBase, enumParam, type ParserEnv } from '../base';
import { RubyError } from '../ruby-error';
import { compileRubyRegexp, type RubyRegexp } from '../ruby-regexp';
import { createTimeParser, TimeParseError, type TimeParser } from '../time/time-parser';
import type { Section } from '../section';
import { NOMATCH, type LineParser } from './types';

function re(source: string, multiline = false): RubyRegexp {
  const r = compileRubyRegexp(source, { multiline });
  if (!r.ok) throw new Error(`syslog regexp: ${'error' in r ? r.error : r.notSimulated}`);
  return r.regexp;
}

const RFC3164_BODY = re('(?<host>[^ ]*) (?<ident>[^ :\\[]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$');
const RFC5424_BODY = re(
  '(?<host>[!-~]{1,255}) (?<ident>[!-~]{1,48}) (?<pid>[!-~]{1,128}) (?<msgid>[!-~]{1,32}) (?<extradata>(?:\\-|(?:\\[.*?(?<!\\\\)\\])+))(?: (?<message>.+))?\\z',
  true,
);
const RFC3164_PRI = re('^<(?<pri>[0-9]{1,3})>');
const RFC5424_PRI = re('^<(?<pri>\\d{1,3})>\\d\\d{0,2}\\s');
const DETECT_5424 = re('^\\<[0-9]{1,3}\\>[1-9]\\d{0,2}');

const NIL_PLUS = "undefined method `+' for nil:NilClass\n\n          while text[i + 1] == SPLIT_CHAR\n                       ^";
const TIME_LINE = '        time_str = sq ? text.slice(idx, i - idx).squeeze(SPLIT_CHAR) : text.slice(idx, i - idx)';
/** Ruby's error_highlight points at the `-` that was evaluated: the first when spaces were squeezed. */
const nilMinus = (sq: boolean) => `undefined method \`-' for nil:NilClass\n\n${TIME_LINE}\n${' '.repeat(sq ? 42 : 89)}^`;

/** The time text before the `count`-th space run, as parse_rfc*_regex cuts it; -1 past the end. */
function cutTime(text: string, idx: number, count: number): { timeStr: string; next: number } {
  let i: number | undefined = idx - 1;
  let sq = false;
  for (let k = 0; k < count; k++) {
    if (i === undefined) throw new RubyError('NoMethodError', NIL_PLUS);
    while (text[i + 1] === ' ') {
      sq = true;
      i++;
    }
    const j: number = text.indexOf(' ', i + 1);
    i = j < 0 ? undefined : j;
  }
  if (i === undefined) throw new RubyError('NoMethodError', nilMinus(sq));
  const slice = text.slice(idx, i);
  return { timeStr: sq ? slice.replace(/ +/g, ' ') : slice, next: i + 1 };
}

function timeError(err: unknown): never {
  if (err instanceof TimeParseError) throw new RubyError('Fluent::TimeParser::TimeParseError', err.message);
  throw err;
}

export function syslogParser(section: Section, env: ParserEnv): LineParser {
  const base = configureBase(section, env, { timeFormat: '%b %d %H:%M:%S' });
  const withPriority = boolParam(section, 'with_priority', false);
  const format = enumParam(section, 'message_format', ['rfc3164', 'rfc5424', 'auto'] as const, 'rfc3164');
  const p = section.params;
  const rfc5424Format = p.get('rfc5424_time_format') ?? '%Y-%m-%dT%H:%M:%S.%L%z';
  const engine = enumParam(section, p.has('parser_engine') ? 'parser_engine' : 'parser_type', ['regexp', 'string'] as const, 'regexp');
  boolParam(section, 'support_colonless_ident', true);
  if (engine === 'string')
    return { type: 'syslog', warnings: [], parse: () => ({ kind: 'not-simulated', what: 'the syslog parser_engine string' }) };

  const mk = (fmt: string): TimeParser => createTimeParser({ ...base.time, format: fmt }, env.clock);
  const fmt3164 = base.time.format ?? '%b %d %H:%M:%S';
  const fmt5424 = format === 'rfc5424' ? (p.has('time_format') ? fmt3164 : rfc5424Format) : rfc5424Format;
  const t3164 = mk(fmt3164);
  const t5424 = mk(fmt5424);
  const t5424NoSub = mk('%Y-%m-%dT%H:%M:%S%z');
  const spaces = (f: string) => f.replace(/ +/g, ' ').split(' ').length;

  const finish = (
    bodyRe: RubyRegexp,
    names: string[],
    time: EventTime | null,
    text: string,
    idx: number,
    record: EventRecord,
  ): ParseOutcome => {
    const m = bodyRe.exec(text, idx);
    if (!m) return NOMATCH;
    for (const name of names) {
      let v = m.named(name);
      if (v === undefined) continue;
      if (name === 'message') v = v.replace(/(\r\n|\n|\r)$/, '');
      record[name] = v;
    }
    return { kind: 'record', time: time ?? (base.estimateCurrentEvent ? env.now : null), record };
  };

  const rfc3164 = (text: string): ParseOutcome => {
    let idx = 0;
    const record: EventRecord = {};
    if (withPriority) {
      if (!RFC3164_PRI.test(text)) return NOMATCH;
      const v = text.indexOf('>');
      record.pri = Number(/^\d*/.exec(text.slice(1, v + 1))![0] || 0);
      idx = v + 1;
    }
    const { timeStr, next } = cutTime(text, idx, spaces(fmt3164));
    let time: EventTime;
    try {
      time = t3164.parse(timeStr);
    } catch (err) {
      timeError(err);
    }
    if (base.keepTimeKey) record.time = timeStr;
    return finish(RFC3164_BODY, ['host', 'ident', 'pid', 'message'], time, text, next, record);
  };

  const rfc5424 = (text: string): ParseOutcome => {
    let idx = 0;
    const record: EventRecord = {};
    if (withPriority) {
      const m = RFC5424_PRI.exec(text);
      if (!m) return NOMATCH;
      record.pri = Number(m.named('pri'));
      idx = m.end;
    }
    const { timeStr, next } = cutTime(text, idx, spaces(fmt5424));
    let time: EventTime;
    try {
      try {
        time = t5424.parse(timeStr);
      } catch (err) {
        if (!(err instanceof TimeParseError)) throw err;
        time = t5424NoSub.parse(timeStr);
      }
    } catch (err) {
      timeError(err);
    }
    if (base.keepTimeKey) record.time = timeStr;
    return finish(RFC5424_BODY, ['host', 'ident', 'pid', 'msgid', 'extradata', 'message'], time, text, next, record);
  };

  const parse =
    format === 'rfc3164'
      ? rfc3164
      : format === 'rfc5424'
        ? rfc5424
        : (text: string) => (DETECT_5424.test(text) ? rfc5424(text) : rfc3164(text));
  return { type: 'syslog', warnings: [], parse };
}
