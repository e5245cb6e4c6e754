// The multiline parser: format1…format20 joined into one /m regexp (a regexp parser with the
// section's other parameters); format_firstline tells in_tail where an event starts. One text can
// hold several events: after each match the rest (less one leading \n) is matched again, and a
// rest that does not match is "pattern not matched".
import type { ParseOutcome } from '../../types';
import type { ParserEnv } from '../base';
import { compileRubyRegexp, type RubyRegexp } from '../ruby-regexp';
import { ParseConfigError, type Section } from '../section';
import { regexpParser } from './regexp';
import type { LineParser } from './types';

const MAX = 20;

function slashed(value: string, key: string): string {
  if (!(value[0] === '/' && value[value.length - 1] === '/' && value.length >= 2)) {
    throw new ParseConfigError(`format should be Regexp, need //, in ${key}: '${value}'`);
  }
  const source = value.slice(1, -1);
  const r = compileRubyRegexp(source, { multiline: true });
  if (!r.ok && 'error' in r) throw new ParseConfigError(`Invalid regexp in ${key}: ${r.error}`);
  return source;
}

export interface MultilineParser extends LineParser {
  /** in_tail's test for the first line of an event; undefined without format_firstline. */
  readonly firstline: RubyRegexp | undefined;
  /** Every event the text yields, in order (parse() gives the last, as a single yield would). */
  parseAll(text: string): ParseOutcome[];
}

export function multilineParser(section: Section, env: ParserEnv): MultilineParser {
  const p = section.params;
  const bad = [...p.keys()].filter((k) => {
    const m = /^format(\d+)$/.exec(k);
    return m ? !(Number(m[1]) >= 1 && Number(m[1]) <= MAX) : false;
  });
  if (bad.length) throw new ParseConfigError(`Invalid formatN found. N should be 1 - ${MAX}: ${bad.join(',')}`);
  const parts: string[] = [];
  let prev: string | undefined;
  for (let i = 1; i <= MAX; i++) {
    const f = p.get(`format${i}`);
    if (i > 1 && prev === undefined && f !== undefined)
      throw new ParseConfigError(`Jump of format index found. format${i - 1} is missing.`);
    prev = f;
    if (f !== undefined) parts.push(slashed(f, `format${i}`));
  }
  const formats = parts.join('');
  const joined = compileRubyRegexp(formats, { multiline: true });
  if (!joined.ok) {
    if ('error' in joined) throw new ParseConfigError(`Invalid regexp '${formats}': ${joined.error}`);
  } else if (joined.regexp.names.length === 0) throw new ParseConfigError(`Invalid regexp '${formats}': No named captures`);
  const params = new Map(p);
  params.set('expression', `/${formats}/m`);
  const inner = regexpParser('multiline', { ...section, params }, env);
  let firstline: RubyRegexp | undefined;
  const fl = p.get('format_firstline');
  if (fl !== undefined) {
    slashed(fl, 'format_firstline');
    const r = compileRubyRegexp(fl.slice(1, -1));
    if (r.ok) firstline = r.regexp;
  }
  const unmatched = p.has('unmatched_lines');
  const parseAll = (input: string): ParseOutcome[] => {
    const out: ParseOutcome[] = [];
    let text = input;
    for (;;) {
      const m = inner.regexp.exec(text);
      const r = inner.parse(text);
      if (unmatched && (r.kind !== 'record' || r.time === null))
        out.push({ kind: 'record', time: env.now, record: { unmatched_line: text } });
      else out.push(r);
      if (!m) return out;
      text = text.slice(m.end);
      if (text.startsWith('\n')) text = text.slice(1);
      if (text === '') return out;
    }
  };
  return {
    type: 'multiline',
    warnings: inner.warnings,
    firstline,
    parseAll,
    parse: (text) => {
      const all = parseAll(text);
      return all[all.length - 1];
    },
  };
}
