// The regexp parser (and apache_error / nginx / apache, which are regexp parsers with a default
// expression): named captures become fields (a group that took no part is left out), then the
// common time and value handling.
import type { EventRecord, ParseOutcome } from '../../types';
import { configureBase, convertValues, parseTime, type BaseDefaults, type ParserEnv } from '../base';
import { RubyError } from '../ruby-error';
import { compileRubyRegexp, regexpParam, type RubyRegexp } from '../ruby-regexp';
import { ParseConfigError, type Section } from '../section';
import { whyNoMatch } from '../why-no-match';
import { NOMATCH, type LineParser } from './types';

export interface RegexpDefaults extends BaseDefaults {
  /** A built-in expression (Ruby source and options) when the section sets none. */
  expression?: { source: string; ignoreCase?: boolean; multiline?: boolean };
}

export function compileExpression(section: Section, d: RegexpDefaults): RubyRegexp {
  const text = section.params.get('expression');
  let r;
  if (text !== undefined) r = regexpParam(text);
  else if (d.expression) r = compileRubyRegexp(d.expression.source, d.expression);
  else throw new ParseConfigError("'expression' parameter is required");
  if (!r.ok) {
    if ('error' in r) throw new RubyError('RegexpError', r.error);
    throw new RubyError('not-simulated', r.notSimulated);
  }
  const ignorecase = section.params.get('ignorecase');
  const multiline = section.params.get('multiline');
  if (
    (ignorecase !== undefined && ignorecase !== 'false' && ignorecase !== 'no') ||
    (multiline !== undefined && multiline !== 'false' && multiline !== 'no')
  ) {
    // the deprecated flags rebuild the regexp with only these options
    const again = compileRubyRegexp(r.regexp.source, {
      ignoreCase: ignorecase === 'true' || ignorecase === 'yes' || ignorecase === '',
      multiline: multiline === 'true' || multiline === 'yes' || multiline === '',
    });
    if (!again.ok) throw new RubyError('not-simulated', 'error' in again ? again.error : again.notSimulated);
    r = again;
  }
  if (r.regexp.names.length === 0) {
    throw new ParseConfigError("No named captures in 'expression' parameter. The regexp must have at least one named capture");
  }
  return r.regexp;
}

export function regexpParser(type: string, section: Section, env: ParserEnv, d: RegexpDefaults = {}): LineParser & { regexp: RubyRegexp } {
  const base = configureBase(section, env, { timeKey: 'time', ...d });
  const regexp = compileExpression(section, d);
  return {
    type,
    regexp,
    explain: (text: string) => (regexp.exec(text) ? undefined : whyNoMatch(regexp.source, regexp.options, text)),
    warnings: regexp.risk
      ? [
          `This regexp can backtrack catastrophically: ${regexp.risk}. Fluentd would stall on such a line; write the repeated part so that it cannot match the same text two ways (or make it atomic: (?>…), possessive: x*+).`,
        ]
      : [],
    parse(text: string): ParseOutcome {
      const m = regexp.exec(text);
      if (!m) return NOMATCH;
      const record: EventRecord = {};
      for (const name of regexp.names) {
        const v = m.named(name);
        if (v !== undefined) record[name] = v;
      }
      const time = parseTime(base, record, env);
      convertValues(base, record);
      return { kind: 'record', time, record };
    },
  };
}
