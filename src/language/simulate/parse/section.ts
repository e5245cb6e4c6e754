// A <parse> (or <pattern>) section's parameters as Fluentd configures them: the last value of a
// key wins, `#{…}` in double-quoted values is evaluated from the simulation's environment
// (ENV['X'], ENV.fetch('X'[, 'default']), `|| 'default'`, string literals); other embedded Ruby
// cannot be evaluated and makes the section not simulated.
import type { ElementNode, ParamNode } from '../../parser/ast';
import { closingBracket } from '../../includes/static-value';

export class NotSimulated extends Error {}
export class ParseConfigError extends Error {}

export interface Section {
  readonly name: string;
  readonly arg: string;
  /** Parameters in order of first appearance, each with its last value. */
  readonly params: Map<string, string>;
  readonly sections: Section[];
}

const STR = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
const ENV_INDEX = new RegExp(String.raw`^ENV\s*\[\s*(${STR})\s*\]`);
const ENV_FETCH = new RegExp(String.raw`^ENV\.fetch\(\s*(${STR})\s*(?:,\s*(${STR})\s*)?\)`);
const LITERAL = new RegExp(String.raw`^(${STR})`);

function rubyString(lit: string): string {
  const body = lit.slice(1, -1);
  if (lit[0] === "'") return body.replace(/\\([\\'])/g, '$1');
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
}

/** Evaluates the Ruby of one `#{…}`: a chain of ENV lookups and literals joined by `||`. */
export function evaluateRuby(code: string, env: Readonly<Record<string, string | undefined>>): string {
  let rest = code.trim();
  for (;;) {
    let value: string | undefined;
    let m: RegExpExecArray | null;
    if ((m = ENV_INDEX.exec(rest))) value = env[rubyString(m[1])];
    else if ((m = ENV_FETCH.exec(rest))) {
      const key = rubyString(m[1]);
      value = env[key];
      if (value === undefined) {
        if (m[2] === undefined) throw new ParseConfigError(`key not found: "${key}"`);
        value = rubyString(m[2]);
      }
    } else if ((m = LITERAL.exec(rest))) value = rubyString(m[1]);
    else throw new NotSimulated(`embedded Ruby #{${code}} is not simulated`);
    rest = rest.slice(m[0].length).trim();
    if (rest === '') return value ?? '';
    if (!rest.startsWith('||')) throw new NotSimulated(`embedded Ruby #{${code}} is not simulated`);
    if (value !== undefined) return value;
    rest = rest.slice(2).trim();
  }
}

/** A double-quoted value with each `#{…}` replaced by its value. */
function evaluateText(text: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('#{', i);
    if (start < 0) return out + text.slice(i);
    const end = closingBracket(text, start + 2, '{', '}');
    if (end < 0) return out + text.slice(i);
    out += text.slice(i, start) + evaluateRuby(text.slice(start + 2, end), env);
    i = end + 1;
  }
}

function paramValue(p: ParamNode, env: Readonly<Record<string, string | undefined>>): string {
  const v = p.value;
  if (!v) return '';
  if (v.style === 'double' && v.embedded.length) return evaluateText(v.text, env);
  return v.text;
}

/** Reads an element and its sub-sections. Throws NotSimulated / ParseConfigError from embedded Ruby. */
export function readSection(el: ElementNode, env: Readonly<Record<string, string | undefined>>): Section {
  const params = new Map<string, string>();
  const sections: Section[] = [];
  for (const child of el.children) {
    if (child.kind === 'param') {
      params.set(child.key, paramValue(child, env));
    } else if (child.kind === 'element') sections.push(readSection(child, env));
    else throw new NotSimulated('@include inside a <parse> section is not simulated');
  }
  return { name: el.name, arg: el.arg, params, sections };
}

/** A section made from plain key/value pairs (for Fluentd's own derived configurations). */
export function plainSection(name: string, params: Record<string, string>, sections: Section[] = []): Section {
  return { name, arg: '', params: new Map(Object.entries(params)), sections };
}
