// The apache2 parser: its own regexp, "-" as nil, code and size as integers, and its own time
// parser (time_format is fixed; a bad time raises TimeParseError unwrapped).
import type { ParseOutcome } from '../../types';
import { configureBase, type ParserEnv } from '../base';
import { RubyError } from '../ruby-error';
import { compileRubyRegexp } from '../ruby-regexp';
import { rubyStringToI, TimeParseError, createTimeParser } from '../time/time-parser';
import type { Section } from '../section';
import { NOMATCH, type LineParser } from './types';

export const APACHE2_EXPRESSION =
  '^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] "(?<method>\\S+)(?: +(?<path>(?:[^\\"]|\\\\")*?)(?: +\\S*)?)?" (?<code>[^ ]*) (?<size>[^ ]*)(?: "(?<referer>(?:[^\\"]|\\\\")*)" "(?<agent>(?:[^\\"]|\\\\")*)")?$';

export function apache2Parser(section: Section, env: ParserEnv): LineParser {
  const base = configureBase(section, env);
  const compiled = compileRubyRegexp(APACHE2_EXPRESSION);
  if (!compiled.ok) throw new Error('apache2 expression does not compile');
  const re = compiled.regexp;
  const timeParser = createTimeParser({ ...base.time, type: base.time.type, format: '%d/%b/%Y:%H:%M:%S %z' }, env.clock);
  const dash = (v: string | undefined) => (v === '-' ? null : (v ?? null));
  return {
    type: 'apache2',
    warnings: [],
    parse(text: string): ParseOutcome {
      const m = re.exec(text);
      if (!m) return NOMATCH;
      let time;
      try {
        time = timeParser.parse(m.named('time') ?? null);
      } catch (err) {
        if (err instanceof TimeParseError) throw new RubyError('Fluent::TimeParser::TimeParseError', err.message);
        throw err;
      }
      const code = rubyStringToI(m.named('code') ?? '');
      const size = m.named('size');
      const record = {
        host: dash(m.named('host')),
        user: dash(m.named('user')),
        method: m.named('method') ?? null,
        path: m.named('path') ?? null,
        code: code === 0 ? null : code,
        size: size === '-' ? null : rubyStringToI(size ?? ''),
        referer: dash(m.named('referer')),
        agent: dash(m.named('agent')),
        ...(base.keepTimeKey ? { time: m.named('time') ?? null } : {}),
      };
      return { kind: 'record', time, record };
    },
  };
}
