// The cri parser (fluent-plugin-parser-cri, in the daemonset images): `time stream logtag message`
// split on single whitespace characters; an optional nested <parse> reads the message.
import type { ParseOutcome } from '../../types';
import { boolParam, configureBase, type ParserEnv } from '../base';
import { RubyError } from '../ruby-error';
import { TimeParseError } from '../time/time-parser';
import type { Section } from '../section';
import { NOMATCH, type LineParser } from './types';

/** Ruby's text.split(/\s/, 4). */
function splitCri(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < 3) {
    const m = /[ \t\n\v\f\r]/.exec(text.slice(from));
    if (!m) break;
    out.push(text.slice(from, from + m.index));
    from += m.index + 1;
  }
  out.push(text.slice(from));
  if (text === '') return [];
  return out;
}

export function criParser(section: Section, env: ParserEnv, sub: (s: Section) => LineParser): LineParser {
  const base = configureBase(section, env, { timeKey: 'time', timeFormat: '%Y-%m-%dT%H:%M:%S.%L%z', keepTimeKey: true });
  const merge = boolParam(section, 'merge_cri_fields', true);
  const nested = section.sections.find((s) => s.name === 'parse');
  const subParser = nested ? sub(nested) : undefined;
  return {
    type: 'cri',
    warnings: subParser ? subParser.warnings : [],
    parse(text: string): ParseOutcome {
      const elems = splitCri(text);
      if (elems.length !== 4) return NOMATCH;
      if (subParser) {
        const r = subParser.parse(elems[3]);
        if (r.kind === 'value')
          return {
            kind: 'not-simulated',
            what: 'the nested parser gives a JSON value that is not an object, into which cri would set stream and logtag',
          };
        if (r.kind !== 'record') return r.kind === 'nomatch' ? NOMATCH : r;
        if (merge) {
          r.record.stream = elems[1];
          r.record.logtag = elems[2];
        }
        return r;
      }
      const record: Record<string, string> = { stream: elems[1], logtag: elems[2], message: elems[3] };
      let time;
      try {
        time = base.timeParser.parse(elems[0]);
      } catch (err) {
        if (err instanceof TimeParseError) throw new RubyError('Fluent::TimeParser::TimeParseError', err.message);
        throw err;
      }
      if (base.keepTimeKey && base.timeKey !== undefined) record[base.timeKey] = elems[0];
      return { kind: 'record', time, record };
    },
  };
}
