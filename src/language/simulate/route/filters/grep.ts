// filter_grep: <regexp> (all must match), <exclude> (none may match), <and> and <or>
// groups, and the deprecated regexpN/excludeN parameters; a value is matched as
// `value.to_s` (a missing key is "").
import { toS } from '../ruby-values';
import { sections, param, type SimElement } from '../config';
import { plainRegexp, type RouteRegexp } from '../ruby-regexp';
import { ConfigError, regexpParam, requiredParam } from '../param-types';
import { recordAccessor, type RecordAccessor } from '../record-accessor';
import type { FilterPlugin } from '../router';
import type { EventRecord } from '../../types';
import type { ElementRef } from '../types';

interface Expression {
  key: RecordAccessor;
  pattern: RouteRegexp;
}

const matches = (e: Expression, r: EventRecord) => e.pattern.test(toS(e.key.get(r)));

export function grepFilter(el: SimElement, ref: ElementRef): FilterPlugin {
  const regexpAnd = new Map<string, Expression>();
  const regexpOr = new Map<string, Expression>();
  const excludeAnd = new Map<string, Expression>();
  const excludeOr = new Map<string, Expression>();
  const put = (m: Map<string, Expression>, key: string, pattern: RouteRegexp, dup: string) => {
    if (m.has(key)) throw new ConfigError(`${dup}: ${key}`);
    m.set(key, { key: recordAccessor(key), pattern });
  };
  for (const [name, target] of [
    ['regexp', regexpAnd],
    ['exclude', excludeOr],
  ] as const) {
    for (let i = 1; i <= 20; i++) {
      const v = param(el, `${name}${i}`);
      if (v === undefined) continue;
      const sp = v.indexOf(' ');
      if (sp < 0) throw new ConfigError(`${name}${i} does not contain 2 parameters`);
      put(target, v.slice(0, sp), plainRegexp(v.slice(sp + 1)), `${name}${i} contains a duplicated key`);
    }
  }
  const section = (s: SimElement) => ({ key: requiredParam(s, 'key', `<${s.name}>`), pattern: regexpOrFail(s) });
  for (const s of sections(el, 'regexp')) {
    const { key, pattern } = section(s);
    put(regexpAnd, key, pattern, 'Duplicate key');
  }
  for (const s of sections(el, 'exclude')) {
    const { key, pattern } = section(s);
    put(excludeOr, key, pattern, 'Duplicate key');
  }
  for (const [group, regexpTarget, excludeTarget, label] of [
    ['and', regexpAnd, excludeAnd, 'Duplicate key in <and>'],
    ['or', regexpOr, excludeOr, 'Duplicate key in <or>'],
  ] as const) {
    for (const g of sections(el, group)) {
      const rs = sections(g, 'regexp');
      const xs = sections(g, 'exclude');
      if (rs.length && xs.length) throw new ConfigError(`Do not specify both <regexp> and <exclude> in <${group}>`);
      for (const s of rs) {
        const { key, pattern } = section(s);
        put(regexpTarget, key, pattern, label);
      }
      for (const s of xs) {
        const { key, pattern } = section(s);
        put(excludeTarget, key, pattern, label);
      }
    }
  }
  const rAnd = [...regexpAnd.values()];
  const rOr = [...regexpOr.values()];
  const xAnd = [...excludeAnd.values()];
  const xOr = [...excludeOr.values()];
  return {
    kind: 'filter',
    ref,
    streamOnly: false,
    filter(_state, _tag, ev) {
      const r = ev.record;
      if (rAnd.length && rAnd.some((e) => !matches(e, r))) return null;
      if (rOr.length && !rOr.some((e) => matches(e, r))) return null;
      if (xAnd.length && xAnd.every((e) => matches(e, r))) return null;
      if (xOr.length && xOr.some((e) => matches(e, r))) return null;
      return ev;
    },
  };
}

function regexpOrFail(s: SimElement): RouteRegexp {
  const r = regexpParam(s, 'pattern');
  if (!r) throw new ConfigError(`'pattern' parameter is required, but <${s.name}> has none`);
  return r;
}
