// Fluentd's `:regexp` parameters (grep and rewrite_tag_filter patterns, record_modifier
// replaces) as JavaScript RegExps. `/…/im` or a bare pattern, read as
// Fluent::Config.regexp_value does. The translation covers the Ruby syntax configs use
// (`\A \z \Z \h`, `^`/`$` as line anchors, `/m` as dot-all); a construct JavaScript
// reads differently is reported as not simulated instead of matching differently.

export interface RubyRegexp {
  /** The pattern as written in the config. */
  readonly source: string;
  readonly re: RegExp;
}

export type RegexpResult = { ok: true; regexp: RubyRegexp } | { ok: false; error: string; notSimulated?: boolean };

/** Constructs whose Ruby meaning JavaScript has no spelling for (possessive, atomic, conditionals, \G, \K, \R, \X …). */
const UNSUPPORTED = /\\[GKRXpP]|\(\?>|\(\?\(|[*+?}]\+|\(\?[imx-]+\)|\(\?[imx-]+:|\[\[:|\\[ghk]<|\\[ghk]'/;

/** A `:regexp` parameter value → the Ruby regexp (Fluent::Config.regexp_value). */
export function configRegexp(value: string): RegexpResult {
  if (!value.startsWith('/')) return compileRubyRegexp(value, '');
  const right = value.lastIndexOf('/');
  if (right < value.length - 3) return { ok: false, error: `invalid regexp: missing right slash: ${value}` };
  const options = value.slice(right + 1);
  return compileRubyRegexp(
    value.slice(1, right === 0 ? undefined : right),
    (options.includes('i') ? 'i' : '') + (options.includes('m') ? 'm' : ''),
  );
}

/** Compiles Ruby regexp source with Ruby options `i` and `m` (dot matches newline). */
export function compileRubyRegexp(source: string, options: string): RegexpResult {
  if (UNSUPPORTED.test(source))
    return { ok: false, error: `the regexp /${source}/ uses Ruby syntax not simulated here`, notSimulated: true };
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const n = source[i + 1];
      i++;
      if (n === undefined) return { ok: false, error: `too short escape sequence: /${source}/` };
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'z') out += '(?![\\s\\S])';
      else if (!inClass && n === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (n === 'h') out += inClass ? '0-9a-fA-F' : '[0-9a-fA-F]';
      else if (n === 'H') out += inClass ? '' : '[^0-9a-fA-F]';
      else if (n === 's') out += inClass ? ' \\t\\r\\n\\f\\v' : '[ \\t\\r\\n\\f\\v]';
      else out += `\\${n}`;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += `\\${source[++i]}`; // a leading ']' is literal in Ruby
      continue;
    }
    out += ch;
  }
  try {
    // Ruby's ^ and $ are always line anchors: JavaScript's multiline flag
    const flags = `m${options.includes('i') ? 'i' : ''}${options.includes('m') ? 's' : ''}`;
    return { ok: true, regexp: { source, re: new RegExp(out, flags) } };
  } catch (e) {
    return { ok: false, error: `invalid regexp /${source}/: ${(e as Error).message}` };
  }
}
