// filter_record_modifier: sets <record> keys in the record itself (in place; `${…}`
// holds Ruby, evaluated by ruby-snippet), then remove_keys or whitelist_keys, then the
// <replace> rules (gsub with Ruby's \1 replacement syntax). prepare_value and
// char_encoding run Ruby/encodings this simulator does not reproduce.
import { hasOwn, setOwn } from '../../ruby/hash';
import type { EventRecord, RecordValue } from '../../types';
import { sections, param, type SimElement } from '../config';
import { arrayParam, ConfigError, NotSimulatedError, requiredParam } from '../param-types';
import { recordAccessor } from '../record-accessor';
import { RubyError, type FilterPlugin } from '../router';
import { plainRegexp, type RouteRegexp } from '../ruby-regexp';
import { compileTemplate, SnippetNotSimulated, type SnippetScope } from '../ruby-snippet';
import type { ElementRef } from '../types';

type Expander = (scope: SnippetScope) => RecordValue;

export function recordModifierFilter(el: SimElement, ref: ElementRef): FilterPlugin {
  if (param(el, 'prepare_value') !== undefined) throw new NotSimulatedError('record_modifier prepare_value runs Ruby code');
  if (param(el, 'char_encoding') !== undefined) throw new NotSimulatedError('record_modifier char_encoding');
  const map: [string, Expander][] = [];
  for (const rec of sections(el, 'record')) {
    for (const [k, v] of rec.params) {
      if (v.kind === 'unknown') throw new NotSimulatedError(`<record> ${k} is computed by Ruby code at start-up`);
      const e = expander(v.text);
      const i = map.findIndex(([key]) => key === k);
      if (i >= 0) map[i][1] = e;
      else map.push([k, e]);
    }
  }
  const removeKeys = arrayParam(el, 'remove_keys');
  const whitelist = param(el, 'whitelist_keys');
  if (removeKeys && whitelist !== undefined) throw new ConfigError('remove_keys and whitelist_keys are exclusive with each other.');
  const removers = removeKeys?.map(recordAccessor);
  const keep = whitelist !== undefined ? [...new Set([...whitelist.split(',').map((k) => k.trim()), ...map.map(([k]) => k)])] : undefined;
  const replaces = sections(el, 'replace').map((r) => {
    const key = requiredParam(r, 'key', '<replace>');
    const expression = requiredParam(r, 'expression', '<replace>');
    const replace = requiredParam(r, 'replace', '<replace>');
    const source = expression.startsWith('/') && expression.endsWith('/') && expression.length > 1 ? expression.slice(1, -1) : expression;
    return { key, re: plainRegexp(source), replace };
  });

  return {
    kind: 'filter',
    ref,
    streamOnly: false,
    filter(_state, tag, ev) {
      let record = ev.record;
      const scope = { tag, time: ev.time, record };
      for (const [k, e] of map) setOwn(record, k, e(scope));
      if (removers) for (const r of removers) r.delete(record);
      else if (keep) {
        const modified: EventRecord = {};
        for (const k of keep) if (hasOwn(record, k)) setOwn(modified, k, record[k]);
        record = modified;
      }
      for (const r of replaces) {
        if (!hasOwn(record, r.key)) continue;
        const v = record[r.key];
        if (typeof v !== 'string') {
          if (v === null) continue; // Regexp#match(nil) is nil
          throw new RubyError(`no implicit conversion of ${typeof v === 'number' ? 'Integer' : 'value'} into String`);
        }
        if (!r.re.test(v)) continue;
        setOwn(record, r.key, gsub(v, r.re, r.replace));
      }
      return { time: ev.time, record };
    },
  };
}

/** One <record> value: literal, one placeholder (its value as is), or a Ruby "…#{…}…" string. */
function expander(value: string): Expander {
  if (!value.includes('${')) return () => value;
  try {
    return compileTemplate(value, true, /["\\]|#[{$@]/);
  } catch (e) {
    if (e instanceof SnippetNotSimulated) throw new NotSimulatedError(`record_modifier code \${${e.message}} is beyond this simulator`);
    throw e;
  }
}

/** String#gsub(regexp, replacement) with Ruby's replacement escapes (\0 \& \1 \k<name> \\). */
export function gsub(s: string, re: RouteRegexp, replacement: string): string {
  let out = '';
  let last = 0;
  for (const m of re.matches(s)) {
    out += s.slice(last, m.index);
    out += replacement.replace(/\\(\d|&|k<(\w+)>|\\|`|')/g, (_all, what: string, name: string | undefined) => {
      if (what === '\\') return '\\';
      if (what === '&') return m.group(0) ?? '';
      if (what === '`') return s.slice(0, m.index);
      if (what === "'") return s.slice(m.end);
      if (name !== undefined) return m.group(name) ?? '';
      return m.group(Number(what)) ?? '';
    });
    last = m.end;
  }
  return out + s.slice(last);
}
