// The regexps of routing plugins (grep and rewrite_tag_filter patterns, record_modifier
// replaces, concat's line tests) on the parse engine's Ruby regexps (Onigmo semantics).
// Routing also needs what parsers do not: a match's numbered captures (rewrite rules'
// $1, gsub's \1). Ruby numbers only named groups when a pattern has any; a pattern whose
// translation adds helper groups is not numbered here (not simulated) rather than
// numbered wrong.
import { compileRubyRegexp as compileOnigmo, regexpParam, type CompiledRegexp, type RubyRegexp } from '../parse/ruby-regexp';
import { ConfigError, NotSimulatedError } from './errors';

export interface RouteRegexp {
  readonly source: string;
  test(text: string): boolean;
  /** Ruby's MatchData#captures of the first match (nil groups as undefined), or null when it does not match. */
  captures(text: string): (string | undefined)[] | null;
  /** The first match (groups by number or name), or null. */
  first(text: string): RegexpMatch | null;
  /** Every match, for gsub. */
  matches(text: string): RegexpMatch[];
}

export interface RegexpMatch {
  index: number;
  end: number;
  /** Group 0 is the whole match; with named groups, numbers count the named ones only (as Ruby does). */
  group(ref: number | string): string | undefined;
}

/** A `:regexp` parameter value (`/…/im` or a bare pattern) as Fluent::Config.regexp_value reads it. */
export function configRegexp(value: string): RouteRegexp {
  return wrap(regexpParam(value));
}

/** A pattern compiled as Regexp.compile(source) (no options). */
export function plainRegexp(source: string): RouteRegexp {
  return wrap(compileOnigmo(source));
}

function wrap(c: CompiledRegexp): RouteRegexp {
  if (!c.ok) {
    if ('notSimulated' in c) throw new NotSimulatedError(c.notSimulated);
    throw new ConfigError(c.error, 'RegexpError');
  }
  const re = c.regexp;
  const numbered = re.names.length ? undefined : plainGroupCount(re.source);
  const reliable = re.names.length > 0 || numbered === groupCount(re.js);
  const check = () => {
    if (!reliable) throw new NotSimulatedError(`the groups of /${re.source}/ are not numbered as Ruby numbers them here`);
  };
  type Found = RegexpMatch;
  // with named groups Ruby numbers those only (\1 is the first name); the parse engine reads them by name
  const find = (text: string, from: number): Found | null => {
    if (re.names.length) {
      const m = re.exec(text, from);
      if (!m) return null;
      const whole = text.slice(m.index, m.end);
      return {
        index: m.index,
        end: m.end,
        group: (ref) =>
          ref === 0
            ? whole
            : typeof ref === 'string'
              ? re.names.includes(ref)
                ? m.named(ref)
                : undefined
              : re.names[ref - 1] !== undefined
                ? m.named(re.names[ref - 1])
                : undefined,
      };
    }
    re.js.lastIndex = from;
    const m = re.js.exec(text);
    if (!m) return null;
    return { index: m.index, end: m.index + m[0].length, group: (ref) => (typeof ref === 'number' ? m[ref] : undefined) };
  };
  return {
    source: re.source,
    test: (text) => re.test(text),
    first(text) {
      check();
      return find(text, 0);
    },
    captures(text) {
      check();
      const m = find(text, 0);
      if (!m) return null;
      const n = re.names.length || (numbered ?? 0);
      return Array.from({ length: n }, (_, i) => m.group(i + 1));
    },
    matches(text) {
      check();
      const out: Found[] = [];
      let from = 0;
      while (from <= text.length) {
        const m = find(text, from);
        if (!m) break;
        out.push(m);
        // an empty match moves on by one character, like Ruby's gsub
        from = m.end > m.index ? m.end : m.index + 1;
        if (re.js.sticky) break;
      }
      return out;
    },
  };
}

/** The capturing groups of a JavaScript regexp. */
function groupCount(js: RegExp): number {
  return new RegExp(`${js.source}|`, js.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
}

/** Ruby's plain `(…)` groups in a pattern without named groups (escapes and classes stepped over). */
function plainGroupCount(source: string): number {
  let n = 0;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (depth) {
      if (ch === '[') depth++;
      else if (ch === ']') depth--;
    } else if (ch === '[') {
      depth = 1;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (ch === '(' && source[i + 1] !== '?') n++;
  }
  return n;
}

export type { RubyRegexp };
