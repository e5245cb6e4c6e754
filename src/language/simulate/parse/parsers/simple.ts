// Parsers without a regexp: none, json, ltsv, tsv, csv.
import type { EventRecord, ParseOutcome, RecordValue } from '../../types';
import { isHash } from '../../ruby/hash';
import { yajlLoad } from '../yajl-load';
import { arrayParam, configureBase, convertValues, enumParam, parseTime, rubySplit, type ParserEnv } from '../base';
import { RubyError } from '../ruby-error';
import { parseYajl } from '../ruby-json';
import { regexpParam } from '../ruby-regexp';
import { ParseConfigError, type Section } from '../section';
import { parseCsvLine } from './csv-line';
import { NOMATCH, type LineParser } from './types';

export function noneParser(section: Section, env: ParserEnv): LineParser {
  const base = configureBase(section, env);
  const key = section.params.get('message_key') ?? 'message';
  return {
    type: 'none',
    warnings: [],
    parse: (text) => ({ kind: 'record', time: base.estimateCurrentEvent ? env.now : null, record: { [key]: text } }),
  };
}

/** Why Fluentd with the oj gem answers differently from Yajl for this text (oj reads exactly one JSON value). */
const OJ_NOTE =
  'this is not one complete JSON value: Yajl (Fluentd without the oj gem, as simulated) keeps what it read so far; with the oj gem (the fluentd-kubernetes-daemonset images have it) Fluentd rejects the line: pattern not matched';

export function jsonParser(section: Section, env: ParserEnv): LineParser {
  // a time_format makes the time a string (the json parser's own default is float)
  const base = configureBase(section, env, {
    timeKey: 'time',
    timeType: section.params.has('time_format') && !section.params.has('time_type') ? 'string' : 'float',
  });
  // oj falls back to Yajl when the gem is absent (the oracle's setup, simulated here); json is JSON.parse
  const backend = enumParam(section, 'json_parser', ['oj', 'yajl', 'json'] as const, 'oj');
  const execute = base.converters !== undefined || base.nullValuePattern !== undefined || base.nullEmptyString;
  return {
    type: 'json',
    warnings: [],
    parse(text: string): ParseOutcome {
      let value: RecordValue | undefined;
      let note: string | undefined;
      if (backend === 'json') {
        const r = parseYajl(text, { loneSurrogates: 'error' });
        if (!r.ok) return 'notSimulated' in r ? { kind: 'not-simulated', what: r.notSimulated } : NOMATCH;
        value = r.value;
      } else {
        const r = yajlLoad(text);
        if (!r.ok) return 'notSimulated' in r ? { kind: 'not-simulated', what: r.notSimulated } : NOMATCH;
        value = r.value;
        if (!r.single && backend === 'oj' && value !== undefined && value !== null) note = OJ_NOTE;
      }
      if (value === undefined || value === null) return NOMATCH; // nil: no record
      if (!isHash(value)) {
        // Parser#parse_time reads a time only from a Hash; convert_values calls each_key and raises
        if (execute)
          return {
            kind: 'not-simulated',
            what: 'types/null_value_pattern on a JSON value that is not an object (Fluentd raises NoMethodError)',
          };
        return { kind: 'value', time: base.estimateCurrentEvent ? env.now : null, value, ...(note ? { note } : {}) };
      }
      const record = value;
      const time = parseTime(base, record, env);
      if (execute) convertValues(base, record);
      return { kind: 'record', time, record, ...(note ? { note } : {}) };
    },
  };
}

export function ltsvParser(section: Section, env: ParserEnv): LineParser {
  const base = configureBase(section, env, { timeKey: 'time' });
  const p = section.params;
  let split: (s: string) => string[];
  if (p.has('delimiter_pattern')) {
    const r = regexpParam(p.get('delimiter_pattern')!);
    if (!r.ok) throw 'error' in r ? new ParseConfigError(r.error) : new RubyError('not-simulated', r.notSimulated);
    const re = new RegExp(r.regexp.js.source, r.regexp.js.flags.replace(/[gy]/g, ''));
    split = (s) => {
      const parts = s.split(re).map((x) => x ?? '');
      while (parts.length && parts[parts.length - 1] === '') parts.pop();
      return parts;
    };
  } else {
    const d = p.get('delimiter') ?? '\t';
    split = (s) => rubySplit(s, d);
  }
  const label = p.get('label_delimiter') ?? ':';
  return {
    type: 'ltsv',
    warnings: [],
    parse(text: string): ParseOutcome {
      const record: EventRecord = {};
      for (const pair of split(text)) {
        const i = pair.indexOf(label);
        if (i >= 0) record[pair.slice(0, i)] = pair.slice(i + label.length);
      }
      const time = parseTime(base, record, env);
      convertValues(base, record);
      return { kind: 'record', time, record };
    },
  };
}

function requiredKeys(section: Section): string[] {
  const k = section.params.get('keys');
  if (k === undefined) throw new ParseConfigError("'keys' parameter is required");
  return arrayParam(k);
}

export function tsvParser(section: Section, env: ParserEnv): LineParser {
  const base = configureBase(section, env);
  const keys = requiredKeys(section);
  const d = section.params.get('delimiter') ?? '\t';
  return {
    type: 'tsv',
    warnings: [],
    parse(text: string): ParseOutcome {
      const values = splitLimit(text, d, keys.length);
      const record: EventRecord = {};
      keys.forEach((k, i) => (record[k] = values[i] ?? null));
      const time = parseTime(base, record, env);
      convertValues(base, record);
      return { kind: 'record', time, record };
    },
  };
}

/** String#split(delimiter, limit) with a positive limit: at most `limit` fields, trailing empties kept. */
function splitLimit(s: string, d: string, limit: number): string[] {
  if (limit <= 0) return rubySplit(s, d);
  if (limit === 1) return s === '' ? [] : [s];
  if (s === '') return [];
  if (d === ' ') {
    const out: string[] = [];
    let rest = s.replace(/^[ \t\n\v\f\r]+/, '');
    while (out.length < limit - 1) {
      const m = /[ \t\n\v\f\r]+/.exec(rest);
      if (!m) break;
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    if (rest !== '' || out.length < limit) out.push(rest);
    return out;
  }
  const out: string[] = [];
  let from = 0;
  while (out.length < limit - 1) {
    const i = d === '' ? (from < s.length - 1 ? from + 1 : -1) : s.indexOf(d, from);
    if (i < 0) break;
    out.push(s.slice(from, i));
    from = i + d.length;
  }
  out.push(s.slice(from));
  return out;
}

export function csvParser(section: Section, env: ParserEnv): LineParser {
  const base = configureBase(section, env);
  const keys = requiredKeys(section);
  const d = section.params.get('delimiter') ?? ',';
  const engine = enumParam(
    section,
    section.params.has('parser_engine') ? 'parser_engine' : 'parser_type',
    ['normal', 'fast'] as const,
    'normal',
  );
  if (engine === 'fast') return { type: 'csv', warnings: [], parse: () => ({ kind: 'not-simulated', what: 'the csv parser_engine fast' }) };
  return {
    type: 'csv',
    warnings: [],
    parse(text: string): ParseOutcome {
      const values = parseCsvLine(text, d);
      if (values === null) throw new RubyError('TypeError', 'wrong argument type NilClass (must respond to :each)');
      const record: EventRecord = {};
      keys.forEach((k, i) => (record[k] = i < values.length ? values[i] : null));
      const time = parseTime(base, record, env);
      convertValues(base, record);
      return { kind: 'record', time, record };
    },
  };
}
